#!/usr/bin/env python3
"""Writes the hand-made chat and instruction fixtures under fixtures/shapes/ (deterministic).

Every sentence below was written for Assay's tests (CC0); nothing is drawn from a third-party set.
Run from the repository root: python3 scripts/make-shape-fixtures.py
"""
import json
import os

OUT = "fixtures/shapes"

# (topic, question, answer) triples; the synthetic side reuses some questions with shorter,
# more templated answers, as a small generator would.
ORIGINAL = [
    ("cooking", "How long should I rest a steak after grilling?", "Let it rest for about five minutes so the juices settle back into the meat."),
    ("cooking", "Can I freeze fresh basil?", "Yes. Blanch the leaves briefly, dry them, and freeze them flat in a bag, or chop them into olive oil in an ice tray."),
    ("cooking", "Why did my bread come out dense?", "Usually the dough was under-proofed or the yeast was old; give it a warmer spot and more time to rise."),
    ("cooking", "What can I use instead of buttermilk?", "Stir a tablespoon of lemon juice into a cup of milk and wait ten minutes."),
    ("cooking", "How do I keep rice from sticking?", "Rinse it until the water runs clear, then let it steam off the heat with the lid on."),
    ("cooking", "Is it safe to eat raw cookie dough?", "Not really: raw flour and raw eggs can both carry bacteria. Heat-treated flour and no eggs make it safer."),
    ("cooking", "How do I sharpen a kitchen knife?", "Hold it at about fifteen degrees on a whetstone and draw it across in even strokes, then hone the edge."),
    ("cooking", "What makes a sauce split?", "Too much heat or adding fat too fast; whisk in a spoon of cold water to bring it back."),
    ("cooking", "How salty should pasta water be?", "Noticeably salty, roughly a tablespoon for every four litres."),
    ("cooking", "Why are my pancakes flat?", "Old baking powder or an overmixed batter; mix until just combined and leave the lumps."),
    ("cooking", "Can I cook lentils without soaking?", "Yes, lentils cook in twenty to thirty minutes with no soaking at all."),
    ("cooking", "How do I know when fish is done?", "It turns opaque and flakes easily with a fork, at about sixty degrees inside."),
    ("travel", "Do I need a visa to visit Japan for two weeks?", "Many passports get a visa waiver for short stays, but check the embassy's list for yours before you book."),
    ("travel", "What should I pack for a week of hiking?", "Layers, a rain shell, broken-in boots, a first-aid kit, and more socks than you think."),
    ("travel", "How early should I get to the airport?", "Two hours for short flights and three for long-haul ones is a safe rule."),
    ("travel", "Is travel insurance worth it?", "For expensive or remote trips, yes: medical evacuation alone can cost more than the whole holiday."),
    ("travel", "How do I avoid jet lag?", "Shift your sleep an hour a day before leaving, drink water, and get daylight on arrival."),
    ("travel", "Can I bring a power bank on a plane?", "In your carry-on, yes, usually up to one hundred watt-hours; never in checked luggage."),
    ("travel", "What is the best way to carry money abroad?", "A card without foreign fees, a little local cash, and a backup card kept separately."),
    ("travel", "How do I find cheap train tickets in Europe?", "Book early, travel midweek, and compare the national operators with regional passes."),
    ("travel", "Should I learn some of the local language?", "A few greetings and thank-yous go a long way and people notice the effort."),
    ("travel", "How do I stay safe in a new city at night?", "Stick to lit streets, keep your phone charged, and know how you are getting back."),
    ("travel", "What vaccines do I need for Kenya?", "Yellow fever is often required; ask a travel clinic a couple of months ahead."),
    ("travel", "Can I use my phone abroad without huge bills?", "Buy a local or e-SIM data plan, or turn off roaming and use wifi."),
    ("computing", "Why is my laptop fan so loud?", "Dust in the vents or a process stuck at full load; check the task manager and clean the vents."),
    ("computing", "How do I back up my photos?", "Keep three copies on two kinds of media, with one of them off-site or in the cloud."),
    ("computing", "What is a good password?", "A long passphrase of unrelated words, different for every site, kept in a password manager."),
    ("computing", "Should I update my operating system right away?", "Security updates, yes; for big version upgrades waiting a week or two for fixes is reasonable."),
    ("computing", "How do I free up disk space?", "Empty the downloads folder, uninstall unused apps, and look for large old videos."),
    ("computing", "Why does my wifi keep dropping?", "Interference or distance from the router; try another channel or move the router higher."),
    ("computing", "Is it safe to use public wifi?", "For browsing sites with HTTPS it is mostly fine; avoid logging into banks without a VPN."),
    ("computing", "How do I speed up an old computer?", "An SSD and more memory help most; fewer startup programs help for free."),
    ("computing", "What does a VPN actually do?", "It encrypts your traffic to the VPN server, hiding it from the local network but not from the VPN."),
    ("computing", "How can I tell if an email is phishing?", "Check the sender's real address, hover over links, and distrust urgency and attachments."),
    ("computing", "Do I need antivirus software?", "The built-in protection of modern systems is enough for most people who keep them updated."),
    ("computing", "How do I move files to a new phone?", "Use the manufacturer's transfer tool or restore from a cloud backup during setup."),
]

SYNTHETIC = [
    ("cooking", "How long should I rest a steak after grilling?", "Rest the steak for five minutes."),
    ("cooking", "Can I freeze fresh basil?", "Yes, you can freeze fresh basil."),
    ("cooking", "Why did my bread come out dense?", "Your bread came out dense because of the yeast."),
    ("cooking", "What can I use instead of buttermilk?", "You can use milk with lemon juice instead of buttermilk."),
    ("cooking", "How do I keep rice from sticking?", "To keep rice from sticking, rinse the rice."),
    ("cooking", "Is raw cookie dough safe?", "Raw cookie dough is not safe."),
    ("cooking", "How do I sharpen a knife?", "To sharpen a knife, use a whetstone."),
    ("cooking", "What makes a sauce split?", "What makes a sauce split is too much heat."),
    ("cooking", "How salty should pasta water be?", "Pasta water should be salty."),
    ("cooking", "Why are my pancakes flat?", "Your pancakes are flat because of old baking powder."),
    ("cooking", "Do lentils need soaking?", "Lentils do not need soaking."),
    ("cooking", "When is fish done?", "Fish is done when it flakes."),
    ("travel", "Do I need a visa for Japan?", "You may need a visa for Japan."),
    ("travel", "What should I pack for hiking?", "You should pack layers for hiking."),
    ("travel", "How early should I get to the airport?", "You should get to the airport two hours early."),
    ("travel", "Is travel insurance worth it?", "Travel insurance is worth it."),
    ("travel", "How do I avoid jet lag?", "To avoid jet lag, sleep well."),
    ("travel", "Can I bring a power bank on a plane?", "You can bring a power bank on a plane."),
    ("travel", "How do I carry money abroad?", "To carry money abroad, use a card."),
    ("travel", "How do I find cheap train tickets?", "To find cheap train tickets, book early."),
    ("travel", "Should I learn the local language?", "You should learn the local language."),
    ("travel", "How do I stay safe at night?", "To stay safe at night, stay in lit streets."),
    ("travel", "What vaccines do I need?", "You need the vaccines a clinic recommends."),
    ("travel", "Can I use my phone abroad?", "You can use your phone abroad."),
    ("computing", "Why is my laptop fan loud?", "Your laptop fan is loud because of dust."),
    ("computing", "How do I back up my photos?", "To back up your photos, use the cloud."),
    ("computing", "What is a good password?", "A good password is long."),
    ("computing", "Should I update my computer?", "You should update your computer."),
    ("computing", "How do I free up disk space?", "To free up disk space, delete files."),
    ("computing", "Why does my wifi keep dropping?", "Your wifi keeps dropping because of interference."),
    ("computing", "Is public wifi safe?", "Public wifi is not safe."),
    ("computing", "How do I speed up a computer?", "To speed up a computer, add memory."),
    ("computing", "What does a VPN do?", "A VPN encrypts your traffic."),
    ("computing", "How can I spot phishing?", "You can spot phishing by checking the sender."),
    ("computing", "Do I need antivirus?", "You do not need antivirus."),
    ("computing", "How do I move files to a new phone?", "How do I move files to a new phone? Use the transfer tool."),
]

SYSTEM = "You are a helpful assistant. Answer briefly."


def messages_rows(triples, source, multi_turn_every):
    rows = []
    for i, (topic, question, answer) in enumerate(triples):
        turns = []
        if i % 3 == 0:
            turns.append({"role": "system", "content": SYSTEM})
        turns.append({"role": "user", "content": question})
        turns.append({"role": "assistant", "content": answer})
        if multi_turn_every and i % multi_turn_every == 1:
            turns.append({"role": "user", "content": "Thanks. Anything else?"})
            turns.append({"role": "assistant", "content": "That covers the essentials."})
        rows.append({"messages": turns, "label": topic, "meta": {"source": source, "index": i}})
    return rows


def write_jsonl(name, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    original = messages_rows(ORIGINAL, "forum", 4)
    synthetic = messages_rows(SYNTHETIC, "generator", 0)
    # One empty assistant turn (a tool-calling turn with null content) and one empty user turn.
    synthetic[5]["messages"].append({"role": "assistant", "content": None})
    synthetic[7]["messages"].insert(-1, {"role": "user", "content": "   "})
    write_jsonl("chat_original.jsonl", original)
    write_jsonl("chat_synthetic.jsonl", synthetic)

    # The same synthetic examples in the other layouts (first 12 rows).
    head = SYNTHETIC[:12]
    write_jsonl("sharegpt.jsonl", [
        {"conversations": [{"from": "human", "value": q}, {"from": "gpt", "value": a}], "label": t}
        for t, q, a in head
    ])
    write_jsonl("alpaca.jsonl", [
        {"instruction": q, "input": "" if i % 2 else "Answer in one sentence.", "output": a, "label": t}
        for i, (t, q, a) in enumerate(head)
    ])
    write_jsonl("prompt_response.jsonl", [
        {"prompt": q, "response": a, "label": t} for t, q, a in head
    ])


if __name__ == "__main__":
    main()
