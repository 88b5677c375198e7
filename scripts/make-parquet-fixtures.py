#!/usr/bin/env python3
"""Writes the Parquet reader's test fixtures under fixtures/parquet/ (deterministic; tooling, not CI).

One table of 23 rows (fixtures/parquet/rows.jsonl, the source of truth) is written to Parquet by pyarrow with
several page versions, codecs and encodings, by DuckDB and by Polars; the review pair is written by pyarrow;
three broken files are made for error tests. Every Parquet file is read back by pyarrow, DuckDB and Polars and
each reading compared with rows.jsonl value for value (an assertion fails otherwise; a reader that cannot read a
file is reported, column by column). Then manifest.json records what pyarrow's metadata reports for each file,
plus codecs, page counts and page encodings read from the footer and page headers by the script itself.

Run from the repository root, with a venv holding pyarrow, duckdb and polars from PyPI:

    python3 -m venv /work/venv-parquet && /work/venv-parquet/bin/pip install pyarrow duckdb polars
    /work/venv-parquet/bin/python scripts/make-parquet-fixtures.py

It prints a Markdown summary of the files (fixtures/README.md's table was written from it) and what each
reader made of each file.
"""
import datetime
import json
import os
import sys
import zlib

import duckdb
import polars
import pyarrow
import pyarrow.parquet as pq

OUT = "fixtures/parquet"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
LONG_TEXT_UNIT = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. "  # 85 chars
LONG_TEXT = (LONG_TEXT_UNIT * 36)[:2999] + "!"  # exactly 3,000 ASCII characters

SCHEMA = pyarrow.schema([
    ("id", pyarrow.int64()),
    ("text", pyarrow.string()),
    ("label", pyarrow.string()),
    ("score", pyarrow.float64()),
    ("ratio", pyarrow.float32()),
    ("count", pyarrow.int32()),
    ("flag", pyarrow.bool_()),
    ("tags", pyarrow.list_(pyarrow.string())),
    ("meta", pyarrow.struct([("source", pyarrow.string()), ("turn", pyarrow.int32())])),
    ("messages", pyarrow.list_(pyarrow.struct([("role", pyarrow.string()), ("content", pyarrow.string())]))),
    ("ts", pyarrow.timestamp("us", tz="UTC")),
])
NAMES = SCHEMA.names


def turn(role, content):
    return {"role": role, "content": content}


def meta(source, number):
    return {"source": source, "turn": number}


def ts(text):
    """Microseconds since the epoch of an ISO-8601 UTC string, in exact integer arithmetic."""
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (moment - EPOCH) // datetime.timedelta(microseconds=1)


SYSTEM = turn("system", "You are a helpful assistant.")

# The 23 rows, one tuple each, in the column order of SCHEMA; ts as microseconds since 1970-01-01 UTC.
ROWS = [
    (0, "Hello, world.", "positive", 0.1, 0.5, 1, True,
     ["a"], meta("forum", 1),
     [turn("user", "Hi!"), turn("assistant", "Hello! How can I help?")],
     ts("2024-01-15T08:30:00.123456Z")),
    (1, None, "negative", -2.5, -1.25, None, False,
     None, None,
     None,
     ts("1969-07-20T20:17:40Z")),
    (2, "", "neutral", 1e-300, 3.0, 0, None,
     [], meta(None, 2),
     [],
     ts("1969-12-31T23:59:59.999999Z")),
    (-1, "café", "positive", 123456.789, 0.0, -7, True,
     ["x", None], meta("web", None),
     [SYSTEM, turn("user", "Où est la gare ?"), turn("assistant", "La gare est à droite, après le café.")],
     ts("1970-01-01T00:00:00Z")),
    (-42, "你好，世界", "negative", None, 1.0, 2147483647, False,
     ["red", "green", "blue", "yellow"], meta(None, None),
     [turn("user", "你好"), turn("assistant", "你好！有什么可以帮你的吗？")],
     ts("2000-02-29T12:00:00.5Z")),
    (1234567890123, "こんにちは、世界。日本語のテキストです。", None, 0.0, 0.75, -2147483648, True,
     ["café", "你好"], None,
     [turn("user", "ありがとう"), turn("assistant", None)],
     None),
    (17, "مرحبا بالعالم", "neutral", 1.0, -0.125, 42, None,
     None, meta("api", 3),
     [SYSTEM, turn("user", "مرحبا"), turn("assistant", "أهلا وسهلا"), turn("user", "شكرا"),
      turn("assistant", "عفوا 🙂")],
     ts("2038-01-19T03:14:08Z")),
    (18, "🙂 smile, and a family 👩‍👩‍👧", "positive", 0.25, 1024.0, 3, False,
     ["🙂"], meta("forum", 4),
     [turn("user", "😀?"), turn("assistant", "🙂")],
     ts("1900-01-01T00:00:00Z")),
    (19, "Cafe\u0301 with a combining acute accent", "negative", -0.001, 0.375, 5, True,
     ["one"], meta("web", 5),
     None,
     ts("1999-12-31T23:59:59Z")),
    (1000, "", "neutral", 25000000000.0, 2.5, 8, True,
     ["a", "b"], meta("api", 6),
     [turn("user", "What is 2 + 2?"), turn("assistant", "4.")],
     ts("2021-06-01T00:00:00.000001Z")),
    (-1000, LONG_TEXT, "positive", 3.141592653589793, -3.5, 13, False,
     [None], meta("forum", 7),
     [SYSTEM, turn("user", "Summarise the pangram."), turn("assistant", "Every letter, once at least.")],
     ts("2010-10-10T10:10:10.101010Z")),
    (2147483648, 'line one\nline two\twith a tab, "double quotes" and \'single\' ones, and a back\\slash', "negative",
     100.0, 0.0625, 21, None,
     ["a", None, "c"], meta(None, 8),
     [turn("user", 'Say "hi"\n\tplease'), turn("assistant", '"hi"')],
     ts("1955-11-05T06:15:00.25Z")),
    (-2147483649, "plain ascii text", "neutral", -123.456, 8.0, 34, True,
     [], meta("web", None),
     [turn("system", "Be brief."), turn("user", "Weather?"), turn("assistant", "Sunny."),
      turn("user", "Tomorrow?"), turn("assistant", "Rain.")],
     ts("2024-02-29T23:59:59.999999Z")),
    (5, "Straße, naïve, Ærøskøbing", "positive", 0.5, 0.5, 55, False,
     None, meta("api", 9),
     [turn("user", "Danke schön."), turn("assistant", "Bitte schön!")],
     ts("2001-09-09T01:46:40Z")),
    (6, "Γειά σου Κόσμε", "negative", 2.0, -1.25, 89, True,
     ["greek", "text"], None,
     None,
     ts("2012-12-12T12:12:12.000012Z")),
    (7, "Привет, мир", "neutral", -0.75, 3.0, 144, False,
     ["a", "b", "c"], meta("forum", 10),
     [turn("user", "Привет")],
     ts("2015-03-14T09:26:53.589793Z")),
    (8, "नमस्ते दुनिया", "positive", 1e-05, 0.5, 233, True,
     ["hindi"], meta("web", 11),
     [SYSTEM, turn("user", "नमस्ते"), turn("assistant", "नमस्ते! 🙏")],
     ts("2020-02-02T02:02:02Z")),
    (9, "שלום עולם", "negative", 6.02214076e+23, 1.0, 377, None,
     [None, None], meta(None, 12),
     [turn("user", "שלום"), turn("assistant", "שלום!")],
     ts("1980-05-18T15:32:00Z")),
    (10, "안녕하세요 세계", "neutral", 299792458.0, 0.75, 610, False,
     ["korean", "text", "hangul", "안녕"], meta("api", 13),
     None,
     ts("2005-07-07T07:07:07.7Z")),
    (11, "Tiếng Việt có dấu", "positive", -1e-10, -0.125, 987, True,
     ["vi"], meta("forum", None),
     [turn("user", "Xin chào"), turn("assistant", "Chào bạn!")],
     ts("1990-01-01T00:00:00Z")),
    (12, "Ελληνικά and English mixed", "negative", 12.5, 1024.0, 1597, False,
     [], meta("web", 14),
     [turn("system", None)],
     ts("2030-12-31T23:59:59.5Z")),
    (13, "The last but one row.", "neutral", 7.0, 0.375, 2584, True,
     ["x"], meta("api", 15),
     [turn("user", "Last?"), turn("assistant", "Almost.")],
     ts("1970-01-01T00:00:00.000001Z")),
    (14, "The last row.", "positive", -99.0, None, 4181, False,
     ["end", "of", "table"], meta("forum", 16),
     [turn("user", "Bye."), turn("assistant", "Goodbye!")],
     ts("2099-12-31T23:59:59Z")),
]


def format_ts(micros):
    """`YYYY-MM-DDTHH:MM:SSZ`, or `YYYY-MM-DDTHH:MM:SS.ffffffZ` when the microseconds are not zero."""
    if micros is None:
        return None
    seconds, fraction = divmod(micros, 1_000_000)  # floor division: 1969 values keep a positive fraction
    moment = EPOCH + datetime.timedelta(seconds=seconds)
    text = (f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
            f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}")
    return text + (f".{fraction:06d}Z" if fraction else "Z")


def source_table():
    columns = list(zip(*ROWS))
    return pyarrow.table([pyarrow.array(list(values), type=field.type) for values, field in zip(columns, SCHEMA)],
                         schema=SCHEMA)


def json_rows(table):
    """The table as JSON-ready dicts, keys in schema order, ts formatted from its integer microseconds."""
    rows = table.to_pylist()
    if "ts" in table.column_names:
        micros = table.column("ts").cast(pyarrow.int64()).to_pylist()
        for row, stamp in zip(rows, micros):
            row["ts"] = format_ts(stamp)
    return rows


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def same(a, b):
    """Equal, with float32 compared exactly and -0.0 told apart from 0.0."""
    return json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


# The pyarrow files: name -> write_table keyword arguments.
DELTA = {"id": "DELTA_BINARY_PACKED", "count": "DELTA_BINARY_PACKED", "ts": "DELTA_BINARY_PACKED",
         "text": "DELTA_BYTE_ARRAY", "label": "DELTA_LENGTH_BYTE_ARRAY"}
PYARROW_FILES = {
    "pyarrow-v1-snappy-dict": dict(data_page_version="1.0", compression="snappy"),
    "pyarrow-v1-none-plain": dict(data_page_version="1.0", compression="none", use_dictionary=False),
    "pyarrow-v2-zstd-dict": dict(data_page_version="2.0", compression="zstd"),
    "pyarrow-v2-gzip-plain": dict(data_page_version="2.0", compression="gzip", use_dictionary=False),
    "pyarrow-v1-snappy-dict-rg5": dict(data_page_version="1.0", compression="snappy", row_group_size=5),
    "pyarrow-v2-snappy-rg5-small-pages": dict(data_page_version="2.0", compression="snappy", row_group_size=5,
                                              data_page_size=256, write_batch_size=2, max_rows_per_page=2,
                                              dictionary_pagesize_limit=256),
    "pyarrow-v1-zstd-delta": dict(data_page_version="1.0", compression="zstd", use_dictionary=False,
                                  column_encoding=DELTA),
    "pyarrow-v2-none-delta": dict(data_page_version="2.0", compression="none", use_dictionary=False,
                                  column_encoding=DELTA),
    "pyarrow-v1-brotli-dict": dict(data_page_version="1.0", compression="brotli"),
    "pyarrow-v1-lz4-dict": dict(data_page_version="1.0", compression="lz4"),
    "pyarrow-v1-snappy-crc": dict(data_page_version="1.0", compression="snappy", write_page_checksum=True),
}
SETTINGS = {}  # file name -> the settings, as the README states them


def write_pyarrow(table):
    for name, options in PYARROW_FILES.items():
        pq.write_table(table, f"{OUT}/{name}.parquet", **options)
        SETTINGS[f"{name}.parquet"] = ("pyarrow", "write_table(" + ", ".join(
            f"{key}={value!r}" for key, value in options.items()) + ")")


def write_duckdb(table):
    connection = duckdb.connect()
    connection.execute("SET threads = 1")  # one writer thread: row order and bytes independent of the machine
    connection.register("source_rows", table)
    for name, options in [("duckdb-zstd", "FORMAT parquet, COMPRESSION zstd"),
                          ("duckdb-format-v2-zstd", "FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION v2")]:
        connection.execute(f"COPY (SELECT * FROM source_rows) TO '{OUT}/{name}.parquet' ({options})")
        SETTINGS[f"{name}.parquet"] = ("duckdb", f"COPY (SELECT * FROM arrow_table) TO ... ({options}), threads 1")
    connection.close()


def write_polars(table):
    frame = polars.from_arrow(table)
    frame.write_parquet(f"{OUT}/polars-zstd.parquet")
    SETTINGS["polars-zstd.parquet"] = ("polars", "write_parquet(path) (default compression zstd)")
    frame.write_parquet(f"{OUT}/polars-snappy.parquet", compression="snappy")
    SETTINGS["polars-snappy.parquet"] = ("polars", "write_parquet(path, compression='snappy')")


def write_reviews():
    for side in ["original", "synthetic"]:
        with open(f"fixtures/reviews_{side}.jsonl", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        assert all(list(row) == ["text", "label", "source"] for row in rows)
        schema = pyarrow.schema([("text", pyarrow.string()), ("label", pyarrow.string()), ("source", pyarrow.string())])
        table = pyarrow.Table.from_pylist(rows, schema=schema)
        path = f"{OUT}/reviews_{side}.parquet"
        pq.write_table(table, path, compression="snappy")
        SETTINGS[f"reviews_{side}.parquet"] = ("pyarrow", "write_table(compression='snappy'), defaults otherwise")
        check(path, rows, json_reader=lambda t: t.to_pylist())


def compare(path, reader, got, expected):
    assert len(got) == len(expected), (path, reader, len(got))
    for index, (a, b) in enumerate(zip(got, expected)):
        assert same(a, b), (path, reader, index, a, b)


def check(path, expected, json_reader=json_rows):
    """Reads the file back with pyarrow, DuckDB and Polars and compares each reading with the rows.

    Returns a sentence for the README. A reader that fails on the whole file is tried column by column; the file
    must still be read whole and equal by at least one reader, and every column by at least one.
    """
    names = pq.ParquetFile(path).schema_arrow.names
    readers = {
        "pyarrow": lambda columns: pq.read_table(path, columns=columns),
        "DuckDB": lambda columns: duckdb.sql(
            f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns or names)} FROM read_parquet('{path}')"
        ).to_arrow_table(),
        "Polars": lambda columns: polars.read_parquet(path, columns=columns).to_arrow(),
    }
    whole, notes = [], []
    for reader, read in readers.items():
        try:
            table = read(None)
        except Exception as error:  # each library raises its own error types
            message = str(error).splitlines()[0]
            failed = []
            for name in names:
                try:
                    table = read([name])
                except Exception:
                    failed.append(name)
                    continue
                compare(path, reader, json_reader(table.select([name])), [{name: row[name]} for row in expected])
            notes.append(f"{reader} fails on column {', '.join(failed) or '(none alone)'} (\"{message}\")")
            continue
        compare(path, reader, json_reader(table), expected)
        whole.append(reader)
    assert whole, (path, "no reader read it whole")
    return f"{', '.join(whole)} read it back equal to the rows" + "".join(f"; {note}" for note in notes)


# ---- Page headers: a small Thrift compact-protocol reader (independent of pyarrow), to count pages. ----

class Thrift:
    def __init__(self, data, position):
        self.data, self.position = data, position

    def byte(self):
        value = self.data[self.position]
        self.position += 1
        return value

    def varint(self):
        shift = result = 0
        while True:
            byte = self.byte()
            result |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return result

    def zigzag(self):
        value = self.varint()
        return (value >> 1) ^ -(value & 1)

    def value(self, kind):
        if kind in (1, 2):
            return kind == 1
        if kind == 3:
            return self.byte()
        if kind in (4, 5, 6):
            return self.zigzag()
        if kind == 7:
            self.position += 8
            return None
        if kind == 8:
            length = self.varint()
            self.position += length
            return self.data[self.position - length:self.position]
        if kind in (9, 10):
            header = self.byte()
            size = header >> 4 if header >> 4 != 15 else self.varint()
            element = header & 0x0F
            return [self.byte() == 1 if element in (1, 2) else self.value(element) for _ in range(size)]
        if kind == 11:
            size = self.varint()
            if size:
                types = self.byte()
                for _ in range(size):
                    self.value(types >> 4)
                    self.value(types & 0x0F)
            return None
        if kind == 12:
            return self.struct()
        raise ValueError(f"unknown Thrift compact type {kind}")

    def struct(self):
        fields, last = {}, 0
        while True:
            header = self.byte()
            if header == 0:
                return fields
            delta, kind = header >> 4, header & 0x0F
            last = last + delta if delta else self.zigzag()
            fields[last] = self.value(kind)


PAGE_TYPES = {0: "DATA_PAGE", 1: "INDEX_PAGE", 2: "DICTIONARY_PAGE", 3: "DATA_PAGE_V2"}
ENCODINGS = {0: "PLAIN", 2: "PLAIN_DICTIONARY", 3: "RLE", 4: "BIT_PACKED", 5: "DELTA_BINARY_PACKED",
             6: "DELTA_LENGTH_BYTE_ARRAY", 7: "DELTA_BYTE_ARRAY", 8: "RLE_DICTIONARY", 9: "BYTE_STREAM_SPLIT"}


def pages(data, column):
    """The page headers of one column chunk: [(type, encoding, num_values, has_crc, crc_ok)]."""
    start = column.dictionary_page_offset if column.has_dictionary_page else column.data_page_offset
    if column.has_dictionary_page and column.dictionary_page_offset == 0:  # some writers leave 0 there
        start = column.data_page_offset
    reader, end, found = Thrift(data, start), start + column.total_compressed_size, []
    while reader.position < end:
        header = reader.struct()
        body = data[reader.position:reader.position + header[3]]
        reader.position += header[3]
        page_type = PAGE_TYPES[header[1]]
        inner = header.get({0: 5, 2: 7, 3: 8}.get(header[1], 0), {})
        encoding = ENCODINGS[inner.get(4 if header[1] == 3 else 2)]
        crc = header.get(4)
        crc_ok = None if crc is None else (zlib.crc32(body) == crc & 0xFFFFFFFF)
        found.append((page_type, encoding, inner.get(1), crc is not None, crc_ok))
    assert reader.position == end, (column.path_in_schema, reader.position, end)
    return found


CODECS = {0: "UNCOMPRESSED", 1: "SNAPPY", 2: "GZIP", 3: "LZO", 4: "BROTLI", 5: "LZ4", 6: "ZSTD", 7: "LZ4_RAW"}


def codecs_in_footer(data):
    """The codec of every column chunk as the footer's Thrift names it: [[codec per column] per row group].

    pyarrow's metadata calls codec 7 (LZ4_RAW) "LZ4", so the footer's own number is kept beside it.
    """
    length = int.from_bytes(data[-8:-4], "little")
    footer = Thrift(data, len(data) - 8 - length).struct()
    return [[CODECS[chunk[3][4]] for chunk in group[1]] for group in footer[4]]


def describe(path):
    """What pyarrow's metadata reports for one file, with page counts from the page headers."""
    metadata = pq.ParquetFile(path).metadata
    with open(path, "rb") as handle:
        data = handle.read()
    footer_codecs = codecs_in_footer(data)
    schema = metadata.schema
    columns = {}
    for index in range(metadata.num_columns):
        column = schema.column(index)
        columns[column.path] = {
            "physical_type": column.physical_type,
            "logical_type": str(column.logical_type),
            "converted_type": column.converted_type,
            "max_definition_level": column.max_definition_level,
            "max_repetition_level": column.max_repetition_level,
        }
    groups = []
    for group_index in range(metadata.num_row_groups):
        group = metadata.row_group(group_index)
        chunks = {}
        for index in range(group.num_columns):
            chunk = group.column(index)
            found = pages(data, chunk)
            counts = {}
            for page_type, *_ in found:
                counts[page_type] = counts.get(page_type, 0) + 1
            entry = {
                "compression": chunk.compression,
                "encodings": list(chunk.encodings),
                "num_values": chunk.num_values,
                "total_compressed_size": chunk.total_compressed_size,
                "has_dictionary_page": chunk.has_dictionary_page,
                "codec_in_footer": footer_codecs[group_index][index],
                "pages": counts,
                "page_encodings": {kind: sorted({e for t, e, *_ in found if t == kind}) for kind in counts},
            }
            if any(has_crc for *_, has_crc, _ in found):
                assert all(ok for *_, ok in found), (path, chunk.path_in_schema, "page CRC mismatch")
                entry["pages_with_crc"] = sum(1 for *_, has_crc, _ in found if has_crc)
            chunks[chunk.path_in_schema] = entry
        groups.append({"num_rows": group.num_rows, "columns": chunks})
    encodings = {}
    for name in columns:
        union = []
        for group in groups:
            union += [e for e in group["columns"][name]["encodings"] if e not in union]
        encodings[name] = union
    return {
        "created_by": metadata.created_by,
        "format_version": metadata.format_version,
        "num_rows": metadata.num_rows,
        "num_row_groups": metadata.num_row_groups,
        "codecs": sorted({c["compression"] for g in groups for c in g["columns"].values()}),
        "codecs_in_footer": sorted({c["codec_in_footer"] for g in groups for c in g["columns"].values()}),
        "encodings": encodings,
        "key_value_metadata_keys": sorted(k.decode() for k in (metadata.metadata or {})),
        "size_bytes": len(data),
        "schema": columns,
        "row_groups": groups,
    }


def depth(value):
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


def dump(value, indent=""):
    """JSON with one line for each schema column, each column chunk and each flat object or list."""
    if depth(value) <= 1 or isinstance(value, dict) and "pages" in value:
        return json.dumps(value, ensure_ascii=False)
    inner = indent + " "
    if isinstance(value, list):
        return "[\n" + ",\n".join(inner + dump(item, inner) for item in value) + "\n" + indent + "]"
    items = [f"{inner}{json.dumps(key, ensure_ascii=False)}: {dump(item, inner)}" for key, item in value.items()]
    return "{\n" + ",\n".join(items) + "\n" + indent + "}"


def main():
    if not os.path.isdir("fixtures") or not os.path.isfile("fixtures/reviews_original.jsonl"):
        sys.exit("run from the repository root")
    os.makedirs(OUT, exist_ok=True)
    table = source_table()
    assert table.num_rows == 23
    rows = json_rows(table)
    write_jsonl(f"{OUT}/rows.jsonl", rows)
    with open(f"{OUT}/rows.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]  # compare against what was written, not what was meant

    write_pyarrow(table)
    write_duckdb(table)
    write_polars(table)
    readback = {}
    for name in SETTINGS:
        readback[name] = check(f"{OUT}/{name}", rows)
    write_reviews()

    base = f"{OUT}/pyarrow-v1-snappy-dict.parquet"
    with open(base, "rb") as handle:
        valid = handle.read()
    with open(f"{OUT}/bad-magic.parquet", "wb") as handle:
        handle.write(b"PAR0" + valid[4:])
    with open(f"{OUT}/truncated-footer.parquet", "wb") as handle:
        handle.write(valid[:-10])
    with open(f"{OUT}/not-parquet.parquet", "w", encoding="utf-8") as handle:
        handle.write("This is a text file, not a Parquet file.\n")
    # A chat dataset with every row complete: the same rows as chat.jsonl, messages list<struct<role, content>>.
    chat = [
        {"messages": [{"role": "user", "content": "Wie spät ist es?"}, {"role": "assistant", "content": "Es ist drei Uhr."}], "label": "de"},
        {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Capital of France?"},
                      {"role": "assistant", "content": "Paris."}], "label": "en"},
        {"messages": [{"role": "user", "content": "東京の天気は？"}, {"role": "assistant", "content": "晴れです。"}], "label": "ja"},
        {"messages": [{"role": "user", "content": "Name a prime."}, {"role": "assistant", "content": "Seven."},
                      {"role": "user", "content": "Another?"}, {"role": "assistant", "content": "Eleven 🙂"}], "label": "en"},
    ]
    with open(f"{OUT}/chat.jsonl", "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in chat)
    turn = pyarrow.struct([("role", pyarrow.string()), ("content", pyarrow.string())])
    pq.write_table(pyarrow.Table.from_pylist(chat, schema=pyarrow.schema([("messages", pyarrow.list_(turn)),
                                                                          ("label", pyarrow.string())])),
                   f"{OUT}/chat.parquet", compression="zstd")
    # A byte-array column with no STRING annotation holding bytes that are not UTF-8 (row 2: Latin-1 "café").
    pq.write_table(pyarrow.table({"text": pyarrow.array([b"fine", b"caf\xe9"], pyarrow.binary()), "label": ["a", "b"]}),
                   f"{OUT}/invalid-utf8.parquet", compression="snappy")
    for name in ["bad-magic.parquet", "truncated-footer.parquet", "not-parquet.parquet", "invalid-utf8.parquet"]:
        outcomes = []
        for reader, read in [("pyarrow", lambda path: pq.read_table(path)),
                             ("DuckDB", lambda path: duckdb.sql(f"SELECT * FROM read_parquet('{path}')").fetchall())]:
            try:
                read(f"{OUT}/{name}")
            except Exception as error:  # each library raises its own error types
                outcomes.append(f"{reader}: {str(error).splitlines()[0]}")
            else:
                outcomes.append(f"{reader} reads it without complaint")
        readback[name] = "; ".join(outcomes)

    manifest = {
        "generated_by": "scripts/make-parquet-fixtures.py",
        "versions": {"pyarrow": pyarrow.__version__, "duckdb": duckdb.__version__, "polars": polars.__version__},
        "notes": "Every value is what pyarrow.parquet.ParquetFile(path).metadata reports, except: 'settings' (the "
                 "writer call); 'codec_in_footer' and 'codecs_in_footer', the codec numbers of the footer's Thrift "
                 "read directly and named as in parquet.thrift (pyarrow reports codec 7, LZ4_RAW, as 'LZ4'); and "
                 "'pages', 'page_encodings' and 'pages_with_crc', from walking the page headers of each column "
                 "chunk with the script's own Thrift reader (page CRCs checked with zlib.crc32). The file-level "
                 "'encodings' is the union over row groups, in the order pyarrow reports them.",
        "files": {},
    }
    for name in sorted(SETTINGS):
        entry = {"writer": SETTINGS[name][0], "settings": SETTINGS[name][1]}
        entry.update(describe(f"{OUT}/{name}"))
        manifest["files"][name] = entry
    manifest["bad_files"] = {
        "bad-magic.parquet": "pyarrow-v1-snappy-dict.parquet with its first 4 bytes PAR1 changed to PAR0",
        "truncated-footer.parquet": "pyarrow-v1-snappy-dict.parquet without its last 10 bytes",
        "not-parquet.parquet": "a one-line text file",
        "invalid-utf8.parquet": "2 rows; 'text' is BYTE_ARRAY without a STRING annotation and row 2 holds the Latin-1 bytes of 'café' (0xE9)",
    }
    with open(f"{OUT}/manifest.json", "w", encoding="utf-8", newline="\n") as handle:
        handle.write(dump(manifest) + "\n")

    print("| File | Writer | Codec | Row groups (rows) | Pages per column | Encodings | Bytes |")
    print("|---|---|---|---|---|---|---|")
    for name, entry in manifest["files"].items():
        groups = entry["row_groups"]
        sizes = "+".join(str(g["num_rows"]) for g in groups)
        data_pages = [sum(v for k, v in c["pages"].items() if k != "DICTIONARY_PAGE")
                      for g in groups for c in g["columns"].values()]
        per_column = {}
        for column in entry["encodings"]:
            per_column.setdefault(", ".join(entry["encodings"][column]), []).append(column)
        encodings = "; ".join(f"{'/'.join(cols) if len(cols) < len(entry['encodings']) else 'all'}: {enc}"
                              for enc, cols in per_column.items())
        print(f"| `{name}` | {entry['writer']} | {'/'.join(entry['codecs'])} | {len(groups)} ({sizes}) | "
              f"{min(data_pages)}–{max(data_pages)} data | {encodings} | {entry['size_bytes']:,} |")
    print()
    for name, result in readback.items():
        print(f"{name}: {result}")


if __name__ == "__main__":
    main()
