#!/usr/bin/env bash
# Checks that a package can depend on Assay by version, which SwiftPM refuses when a product's targets
# use unsafeFlags ("the target 'X' in product 'X' contains unsafe build flags"). A path, branch or revision
# dependency (Examples/LibraryUse depends by path) is let through, so this tags a clone of the checkout,
# with the working tree's Package.swift, and loads the package graph of a consumer that depends on that tag
# (`exact:`) and uses every library product. Nothing is compiled: it takes seconds.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone -q "$root" "$work/assay"
cp "$root/Package.swift" "$work/assay/Package.swift"
git -C "$work/assay" -c user.name=check -c user.email=check@localhost commit -q --allow-empty -am "working tree manifest"
git -C "$work/assay" tag 0.0.1

products=$(cd "$root" && swift package dump-package | python3 -c '
import json, sys
package = json.load(sys.stdin)
names = sorted(p["name"] for p in package["products"] if "library" in p["type"])
print(", ".join(f""".product(name: "{name}", package: "assay")""" for name in names))')

mkdir -p "$work/consumer/Sources/Consumer"
cat >"$work/consumer/Package.swift" <<EOF
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Consumer",
    dependencies: [.package(url: "file://$work/assay", exact: "0.0.1")],
    targets: [.executableTarget(name: "Consumer", dependencies: [$products])]
)
EOF
echo 'print("unused")' >"$work/consumer/Sources/Consumer/main.swift"

if ! output=$(cd "$work/consumer" && swift package show-dependencies 2>&1); then
    echo "$output" >&2
    echo "check-dependable: a package cannot depend on this version of Assay (above)" >&2
    exit 1
fi
echo "check-dependable: a package can depend on Assay by version and use: $(echo "$products" | grep -o 'name: "[^"]*"' | cut -d'"' -f2 | tr '\n' ' ')" >&2
