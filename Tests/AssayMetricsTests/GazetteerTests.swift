import Foundation
import Testing

@testable import AssayMetrics

/// The shipped data: coverage, regions, spellings.
@Suite struct GazetteerDataTests {
    let gazetteer = Gazetteer.standard

    /// The 193 UN member states (un.org/en/about-us/member-states), as ISO 3166-1 alpha-2 codes.
    static let unMembers = """
        AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM \
        CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN \
        HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA \
        MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY \
        QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TZ UA \
        UG US UY UZ VC VE VN VU WS YE ZA ZM ZW
        """.split(separator: " ").map(String.init)

    /// The UN M49 subregions (intermediate regions for Sub-Saharan Africa and Latin America and the
    /// Caribbean) and the continent each belongs to.
    static let subregionContinents: [String: String] = [
        "Northern Africa": "Africa", "Eastern Africa": "Africa", "Middle Africa": "Africa",
        "Southern Africa": "Africa", "Western Africa": "Africa", "Northern America": "North America",
        "Caribbean": "North America", "Central America": "North America", "South America": "South America",
        "Central Asia": "Asia", "Eastern Asia": "Asia", "South-eastern Asia": "Asia", "Southern Asia": "Asia",
        "Western Asia": "Asia", "Eastern Europe": "Europe", "Northern Europe": "Europe", "Southern Europe": "Europe",
        "Western Europe": "Europe", "Australia and New Zealand": "Oceania", "Melanesia": "Oceania",
        "Micronesia": "Oceania", "Polynesia": "Oceania",
    ]

    private func entries(_ kind: Gazetteer.Entry.Kind) -> [Gazetteer.Entry] {
        gazetteer.entries.filter { $0.kind == kind }
    }

    @Test func countryRowsAreExactlyTheUNMemberStates() {
        #expect(Self.unMembers.count == 193)
        let countries = entries(.country)
        #expect(countries.count == 193)
        #expect(Set(countries.map(\.country)) == Set(Self.unMembers))
    }

    @Test func territoryRowsCoverObserversAndCommonTerritories() {
        let territories = Set(entries(.territory).map(\.country))
        #expect(territories.count == 53)
        #expect(territories.isDisjoint(with: Self.unMembers))
        for code in ["PS", "VA", "TW", "HK", "MO", "PR", "GL", "XK", "EH", "GU", "AS", "VI", "GI", "BM", "RE", "NC"] {
            #expect(territories.contains(code), "\(code)")
        }
        #expect(gazetteer.countries.count == 193 + 53)
    }

    @Test func everyCountryHasOneOfTheSixContinentsAndTheM49SubregionsContinent() {
        #expect(Gazetteer.continents == ["Africa", "Asia", "Europe", "North America", "Oceania", "South America"])
        for country in gazetteer.countries.values {
            #expect(Self.subregionContinents[country.subregion] == country.continent, "\(country.code)")
        }
        #expect(gazetteer.subregions == Self.subregionContinents.keys.sorted())
    }

    @Test(arguments: [
        ("RU", "Russia", "Europe", "Eastern Europe"),
        ("MX", "Mexico", "North America", "Central America"),
        ("JM", "Jamaica", "North America", "Caribbean"),
        ("EG", "Egypt", "Africa", "Northern Africa"),
        ("AU", "Australia", "Oceania", "Australia and New Zealand"),
        ("US", "United States", "North America", "Northern America"),
        ("GL", "Greenland", "North America", "Northern America"),
        ("BR", "Brazil", "South America", "South America"),
        ("TR", "Turkey", "Asia", "Western Asia"),
        ("KZ", "Kazakhstan", "Asia", "Central Asia"),
        ("NG", "Nigeria", "Africa", "Western Africa"),
        ("CD", "Democratic Republic of the Congo", "Africa", "Middle Africa"),
        ("ZA", "South Africa", "Africa", "Southern Africa"),
        ("KE", "Kenya", "Africa", "Eastern Africa"),
        ("GB", "United Kingdom", "Europe", "Northern Europe"),
        ("FR", "France", "Europe", "Western Europe"),
        ("XK", "Kosovo", "Europe", "Southern Europe"),
        ("IN", "India", "Asia", "Southern Asia"),
        ("VN", "Vietnam", "Asia", "South-eastern Asia"),
        ("TW", "Taiwan", "Asia", "Eastern Asia"),
        ("PS", "Palestine", "Asia", "Western Asia"),
        ("FJ", "Fiji", "Oceania", "Melanesia"),
        ("GU", "Guam", "Oceania", "Micronesia"),
        ("WS", "Samoa", "Oceania", "Polynesia"),
        ("PR", "Puerto Rico", "North America", "Caribbean"),
    ])
    func countriesHaveTheirContinentAndSubregion(code: String, name: String, continent: String, subregion: String) {
        #expect(
            gazetteer.countries[code] == Country(code: code, name: name, continent: continent, subregion: subregion))
    }

    @Test func everyMemberStateHasACapitalAndADemonymWhereEnglishHasOne() {
        let capitals = Set(entries(.capital).map(\.country))
        #expect(capitals.isSuperset(of: Self.unMembers))
        // Dominica's people are Dominicans, as the Dominican Republic's are; the Republic of the Congo's
        // are Congolese, as the DRC's are: the demonym names the larger country only.
        let demonyms = Set(entries(.demonym).map(\.country))
        #expect(Set(Self.unMembers).subtracting(demonyms) == ["DM", "CG"])
    }

    @Test func citiesStatesAndAliasesAreCovered() {
        #expect(Set(entries(.city).map(\.name)).count >= 250)
        let states = entries(.usState)
        #expect(states.count == 51)
        #expect(states.allSatisfy { $0.country == "US" })
        #expect(states.contains { $0.name == "District of Columbia" })
        for city in [
            "New York", "Los Angeles", "London", "Paris", "Tokyo", "Mumbai", "Lagos", "São Paulo", "Sao Paulo",
        ] {
            #expect(
                gazetteer.entries.contains { $0.name == city && ($0.kind == .city || $0.kind == .capital) }, "\(city)")
        }
    }

    @Test func accentedNamesHaveTheirUnaccentedSpelling() {
        let unfolded: Set<String> = ["Malé", "Réunion", "San José"]
        let names = Set(gazetteer.entries.map { "\($0.country) \($0.name)" })
        for entry in gazetteer.entries where entry.name.unicodeScalars.contains(where: { $0.value > 0x7F }) {
            guard !unfolded.contains(entry.name) else { continue }
            var plain = entry.name.folding(options: .diacriticInsensitive, locale: nil)
            for (accented, bare) in [("ø", "o"), ("ł", "l"), ("Ł", "L"), ("ʻ", "'")] {
                plain = plain.replacingOccurrences(of: accented, with: bare)
            }
            #expect(names.contains("\(entry.country) \(plain)"), "\(entry.name) → \(plain)")
        }
        // The exceptions: the unaccented "San Jose" is the Californian city.
        #expect(gazetteer.mentions(in: "San Jose and San José").map(\.country) == ["US", "CR"])
        #expect(gazetteer.mentions(in: "Male students").isEmpty)
    }

    @Test func onlyGeorgiaNamesTwoCountries() {
        var countriesByName: [String: Set<String>] = [:]
        for entry in gazetteer.entries { countriesByName[entry.name, default: []].insert(entry.country) }
        #expect(countriesByName.filter { $0.value.count > 1 } == ["Georgia": ["GE", "US"]])
    }

    @Test func malformedRowsAreReportedWithTheirLine() {
        let header = "kind\tname\tcountry\tcountry_name\tcontinent\tsubregion\n"
        let country = "country\tFrance\tFR\tFrance\tEurope\tWestern Europe\n"
        func failure(_ tsv: String) -> String? {
            do {
                _ = try Gazetteer(tsv: tsv)
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(failure(header + country + "city\tLyon\tFR\n") == nil)
        #expect(failure(header + country + "town\tLyon\tFR\n") == "gazetteer.tsv line 3: unknown kind \"town\"")
        #expect(
            failure(header + country + "# comment\ncity\tLyon\tXX\n")?.hasPrefix("gazetteer.tsv line 4") == true)
        #expect(failure(header + "country\tFrance\tFR\tFrance\tEurasia\tWestern Europe\n") != nil)
        #expect(
            failure(
                header + country
                    + "country\tSpain\tES\tSpain\tEurope\tSouthern Europe\ncity\tLyon\tFR\ncity\tLyon\tES\n")
                == "gazetteer.tsv line 5: \"Lyon\" names both FR and ES; drop one row or give the name a rule"
                + " in Gazetteer.ambiguousNames")
    }
}

/// The matcher, on texts whose mentions were worked out by hand.
@Suite struct GazetteerMatchingTests {
    let gazetteer = Gazetteer.standard

    private func codes(_ text: String) -> [String] { gazetteer.mentions(in: text).map(\.country) }
    private func matched(_ text: String) -> [String] { gazetteer.mentions(in: text).map(\.matched) }

    @Test(arguments: [
        ("New York is big", ["US"], ["New York"]),
        ("She moved to New Mexico", ["US"], ["New Mexico"]),
        ("Papua New Guinea and Guinea", ["PG", "GN"], ["Papua New Guinea", "Guinea"]),
        ("South Sudan and Sudan", ["SS", "SD"], ["South Sudan", "Sudan"]),
        ("South Africa beat New Zealand", ["ZA", "NZ"], ["South Africa", "New Zealand"]),
        ("the United Arab Emirates and Sri Lanka", ["AE", "LK"], ["United Arab Emirates", "Sri Lanka"]),
        ("Carnival in Rio de Janeiro", ["BR"], ["Rio de Janeiro"]),
        ("Washington, D.C., in spring", ["US"], ["Washington, D.C."]),
        ("Guinea-Bissau and Equatorial Guinea", ["GW", "GQ"], ["Guinea-Bissau", "Equatorial Guinea"]),
        (
            "the Democratic Republic of the Congo and the Republic of the Congo", ["CD", "CG"],
            ["Democratic Republic of the Congo", "Republic of the Congo"]
        ),
        ("Mexico City and Baja California", ["MX", "MX"], ["Mexico City", "Baja California"]),
        ("Kansas City, Kansas", ["US", "US"], ["Kansas City", "Kansas"]),
        ("American Samoa and Samoa", ["AS", "WS"], ["American Samoa", "Samoa"]),
        ("the Northern Irish and the Irish", ["GB", "IE"], ["Northern Irish", "Irish"]),
        (
            "Côte d’Ivoire, Cote d'Ivoire and Ivory Coast", ["CI", "CI", "CI"],
            ["Côte d’Ivoire", "Cote d'Ivoire", "Ivory Coast"]
        ),
        ("St. Lucia, St Lucia and Saint Lucia", ["LC", "LC", "LC"], ["St. Lucia", "St Lucia", "Saint Lucia"]),
        (
            "New England and New South Wales, not England or Wales", ["US", "AU", "GB", "GB"],
            ["New England", "New South Wales", "England", "Wales"]
        ),
        ("Paris, Texas and Athens, Ga., not Athens", ["US", "US", "GR"], ["Paris, Texas", "Athens, Ga.", "Athens"]),
    ])
    func multiWordNamesMatchLongestFirstAndNotAsTheirParts(text: String, codes: [String], matched: [String]) {
        #expect(self.codes(text) == codes)
        #expect(self.matched(text) == matched)
    }

    @Test(arguments: [
        ("American", "US"), ("Americans", "US"), ("Nigerian", "NG"), ("Nigerians", "NG"), ("British", "GB"),
        ("Brits", "GB"), ("French", "FR"), ("Frenchmen", "FR"), ("Chinese", "CN"), ("Swiss", "CH"), ("Thais", "TH"),
        ("Czechs", "CZ"), ("Filipinos", "PH"), ("South Africans", "ZA"), ("New Zealanders", "NZ"), ("Saudis", "SA"),
        ("Israelis", "IL"), ("Scots", "GB"), ("Dutch", "NL"), ("Chadian", "TD"), ("Jordanians", "JO"),
        ("Georgians", "GE"), ("Puerto Ricans", "PR"), ("Palestinians", "PS"),
    ])
    func demonymsAndTheirPluralsMatch(text: String, code: String) {
        #expect(codes("The \(text) arrived.") == [code])
        #expect(matched("The \(text) arrived.") == [text])
    }

    @Test func unpluralisableDemonymsTakeNoS() {
        #expect(codes("Frenchs Chineses Irishs Dutchs").isEmpty)
    }

    @Test(arguments: [
        ("France's economy", "FR", "France"),
        ("Britain’s king", "GB", "Britain"),
        ("Nigeria’s capital", "NG", "Nigeria"),
        ("the Americans' plan", "US", "Americans"),
        ("Côte d’Ivoire’s cocoa", "CI", "Côte d’Ivoire"),
        ("Turkey's lira", "TR", "Turkey"),
        ("Paris’s mayor", "FR", "Paris"),
    ])
    func possessivesMatchTheName(text: String, code: String, name: String) {
        #expect(codes(text) == [code])
        #expect(matched(text) == [name])
    }

    @Test(arguments: [
        "a woman", "Nigeria", "Somalia", "Indiana", "Romania", "Omani", "Chadian", "Indian", "Georgian", "Dominican",
        "Sudanese", "Nigerien",
    ])
    func namesDoNotMatchInsideOtherWords(word: String) {
        // Each word is a name itself (or none): the shorter names inside it never match.
        let expected: [String: [String]] = [
            "a woman": [], "Nigeria": ["NG"], "Somalia": ["SO"], "Indiana": ["US"], "Romania": ["RO"],
            "Omani": ["OM"], "Chadian": ["TD"], "Indian": ["IN"], "Georgian": ["GE"], "Dominican": ["DO"],
            "Sudanese": ["SD"], "Nigerien": ["NE"],
        ]
        #expect(codes(word) == expected[word])
    }

    @Test(arguments: [
        // Turkey: the bird before food words and after Thanksgiving, roast, …
        ("Inflation in Turkey rose", ["TR"]),
        ("Turkey sandwiches for lunch", []),
        ("a Turkey Trot on Thursday", []),
        ("the Thanksgiving Turkey was dry", []),
        ("roast Turkey with gravy", []),
        ("we ate turkey", []),
        // Georgia: the US state unless the text has the country's context.
        ("Voters in Georgia lined up early", ["US"]),
        ("Atlanta, Georgia", ["US", "US"]),
        ("Tbilisi is the capital of Georgia", ["GE", "GE"]),
        ("Georgia and Russia fought in 2008", ["GE", "RU"]),
        ("Georgian troops left Georgia", ["GE", "GE"]),
        ("Georgia, in the Caucasus, voted", ["GE"]),
        // Jordan: a given name and a surname.
        ("King Abdullah of Jordan", ["JO"]),
        ("In Jordan, prices rose", ["JO"]),
        ("Syria, Jordan and Iraq", ["SY", "JO", "IQ"]),
        ("Michael Jordan scored 40", []),
        ("fans of Michael Jordan", []),
        ("new Air Jordan shoes", []),
        ("Jordan Peterson spoke", []),
        ("the Jordan River", ["JO"]),
        // Chad: only after in / to / from / of; the demonym always.
        ("troops in Chad", ["TD"]),
        ("refugees from Chad", ["TD"]),
        ("Chad said hello", []),
        ("Chad Smith drums", []),
        ("the Chadian army", ["TD"]),
        // China, Guinea, Niger, Jersey.
        ("fine china", []),
        ("exports to China", ["CN"]),
        ("a Guinea pig", []),
        ("guinea fowl", []),
        ("Guinea's president", ["GN"]),
        ("Niger and Mali", ["NE", "ML"]),
        ("the Niger Delta", ["NG"]),
        ("Jersey and Guernsey", ["JE", "GG"]),
        ("New Jersey", ["US"]),
        ("Jersey City", ["US"]),
        ("a jersey", []),
        // Given names.
        ("Cuba Gooding Jr. starred", []),
        ("flights to Cuba", ["CU"]),
        ("Paris Hilton arrived", []),
        ("Paris is lovely", ["FR"]),
        ("the Paris Agreement", ["FR"]),
        ("Sydney Sweeney arrived", []),
        ("Sydney Harbour", ["AU"]),
        ("Austin Butler and Florence Pugh", []),
        ("Sofia Coppola directed", []),
        ("Sofia, Bulgaria", ["BG", "BG"]),
        // Surnames.
        ("Whitney Houston sang", []),
        ("flooding in Houston", ["US"]),
        ("Joaquin Phoenix stars", []),
        ("Phoenix Suns", ["US"]),
        ("Denzel Washington stars", []),
        ("Washington said no", ["US"]),
        ("Tom Holland stars", []),
        ("tulips of Holland", ["NL"]),
        // US and us.
        ("tell us more", []),
        ("the US economy", ["US"]),
        ("PLEASE HELP US NOW", []),
        ("Sanctions, the US said", ["US"]),
        // Georgian, Georgetown.
        ("a Georgian townhouse", []),
        ("Georgian wine", ["GE"]),
        ("Georgetown University", []),
        ("Georgetown, Guyana", ["GY", "GY"]),
        // Phrases that name no country.
        ("Latin America and North America", []),
        ("South American football", []),
        ("the Indian Ocean", []),
        ("French fries", []),
        ("Indiana Jones", []),
    ])
    func ambiguousNamesFollowTheirRule(text: String, expected: [String]) {
        #expect(codes(text) == expected)
    }

    @Test(arguments: [
        ("i loved this movie about new york and london", ["US", "GB"]),
        ("a french film set in são paulo", ["FR", "BR"]),
        ("americans and nigerians", ["US", "NG"]),
        ("the u.s. and the uk", ["US", "GB"]),
        ("a georgian film", ["GE"]),
        // Ambiguous names are not matched without capitals.
        ("tell us about turkey in china with chad in jordan", []),
        ("paris hilton and sydney pollack", []),
        ("a jersey, some polish, georgia", []),
        ("denzel washington and joaquin phoenix", []),
    ])
    func lowercaseOnlyTextsMatchCaseInsensitivelyExceptAmbiguousNames(text: String, expected: [String]) {
        #expect(codes(text) == expected)
    }

    @Test func mixedCaseTextsMatchNamesOnlyAsWritten() {
        #expect(codes("I loved new york. London too.") == ["GB"])
    }

    @Test(arguments: [
        ("NEW YORK (Reuters) - Stocks fell", ["US"]),
        ("WASHINGTON (AP) — Officials in PARIS and SÃO PAULO", ["US", "FR", "BR"]),
        ("TURKEY SANDWICH", []),
        ("BEST JERSEY EVER, FINE CHINA", []),
        ("MICHAEL JORDAN IN JORDAN", ["JO"]),
        ("TBILISI, GEORGIA (Reuters)", ["GE", "GE"]),
        ("ATHENS, Ga. (AP) - Georgia won", ["US", "US"]),
    ])
    func namesMatchInCapitalsWithTheirRules(text: String, expected: [String]) {
        #expect(codes(text) == expected)
    }

    @Test(arguments: [
        ("U.S.", "US"), ("US", "US"), ("USA", "US"), ("U.S.A.", "US"), ("America", "US"),
        ("United States of America", "US"), ("U.K.", "GB"), ("UK", "GB"), ("Britain", "GB"), ("Great Britain", "GB"),
        ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"), ("UAE", "AE"),
        ("DRC", "CD"), ("DR Congo", "CD"), ("South Korea", "KR"), ("Korea", "KR"), ("North Korea", "KP"),
        ("DPRK", "KP"), ("Russia", "RU"), ("Russian Federation", "RU"), ("Czechia", "CZ"), ("Czech Republic", "CZ"),
        ("Ivory Coast", "CI"), ("Burma", "MM"), ("Myanmar", "MM"), ("Holland", "NL"), ("Netherlands", "NL"),
        ("Türkiye", "TR"), ("Turkiye", "TR"), ("East Timor", "TL"), ("Swaziland", "SZ"), ("Macao", "MO"),
    ])
    func aliasesMapToTheirCountry(alias: String, code: String) {
        #expect(codes("News from \(alias) today") == [code])
        #expect(matched("News from \(alias) today") == [alias])
    }

    @Test(arguments: [
        ("Tbilisi", "GE"), ("Canberra", "AU"), ("Ouagadougou", "BF"), ("Naypyidaw", "MM"), ("Nukuʻalofa", "TO"),
        ("N’Djamena", "TD"), ("Sana'a", "YE"), ("Yaoundé", "CM"), ("Yaounde", "CM"), ("Kyiv", "UA"), ("Kiev", "UA"),
        ("Chișinău", "MD"), ("Malé", "MV"), ("Reykjavík", "IS"), ("Bern", "CH"), ("Taipei", "TW"), ("Ramallah", "PS"),
        ("Victoria, Seychelles", "SC"), ("San Juan", "PR"), ("Hong Kong", "HK"),
    ])
    func capitalsMapToTheirCountry(capital: String, code: String) {
        let mentions = gazetteer.mentions(in: "A visit to \(capital).")
        #expect(mentions.first?.country == code)
        #expect(mentions.first?.matched == capital)
    }

    @Test func decomposedAccentsMatchAsComposedOnes() {
        let decomposed = "Sa\u{0303}o Paulo and Bogota\u{0301}"
        #expect(codes(decomposed) == ["BR", "CO"])
    }

    @Test func offsetsAreUTF8Offsets() {
        // "Über" is 5 bytes (Ü is 2), "café" 5 (é is 2), "—" 3, and three spaces: São starts at byte 16.
        let mentions = gazetteer.mentions(in: "Über café — São Paulo")
        #expect(mentions == [PlaceMention(country: "BR", matched: "São Paulo", offset: 16)])
    }

    @Test func newsSentencesGiveExactlyTheirMentions() {
        #expect(
            gazetteer.mentions(
                in: "Protesters gathered in São Paulo on Sunday, while in Rio de Janeiro police said 3 people were "
                    + "hurt; Brazil’s president flew to Washington, D.C., for talks.")
                == [
                    PlaceMention(country: "BR", matched: "São Paulo", offset: 23),
                    PlaceMention(country: "BR", matched: "Rio de Janeiro", offset: 54),
                    PlaceMention(country: "BR", matched: "Brazil", offset: 101),
                    PlaceMention(country: "US", matched: "Washington, D.C.", offset: 130),
                ])
        #expect(
            gazetteer.mentions(
                in: "Nigerian officials met British and Chinese envoys in Abuja; the Americans sent a delegation "
                    + "from New York.")
                == [
                    PlaceMention(country: "NG", matched: "Nigerian", offset: 0),
                    PlaceMention(country: "GB", matched: "British", offset: 23),
                    PlaceMention(country: "CN", matched: "Chinese", offset: 35),
                    PlaceMention(country: "NG", matched: "Abuja", offset: 53),
                    PlaceMention(country: "US", matched: "Americans", offset: 64),
                    PlaceMention(country: "US", matched: "New York", offset: 97),
                ])
        #expect(
            gazetteer.mentions(
                in: "Turkey's foreign minister told reporters in Ankara that the UAE and Saudi Arabia would join "
                    + "talks in Doha.")
                == [
                    PlaceMention(country: "TR", matched: "Turkey", offset: 0),
                    PlaceMention(country: "TR", matched: "Ankara", offset: 44),
                    PlaceMention(country: "AE", matched: "UAE", offset: 60),
                    PlaceMention(country: "SA", matched: "Saudi Arabia", offset: 68),
                    PlaceMention(country: "QA", matched: "Doha", offset: 101),
                ])
        #expect(
            gazetteer.mentions(in: "Floods in Georgia's capital Tbilisi killed 12, Georgian officials said.")
                == [
                    PlaceMention(country: "GE", matched: "Georgia", offset: 10),
                    PlaceMention(country: "GE", matched: "Tbilisi", offset: 28),
                    PlaceMention(country: "GE", matched: "Georgian", offset: 47),
                ])
        #expect(
            gazetteer.mentions(
                in: "Shares fell in Tokyo and Hong Kong as the U.S. dollar rose; Latin American markets slid.")
                == [
                    PlaceMention(country: "JP", matched: "Tokyo", offset: 15),
                    PlaceMention(country: "HK", matched: "Hong Kong", offset: 25),
                    PlaceMention(country: "US", matched: "U.S.", offset: 42),
                ])
    }
}
