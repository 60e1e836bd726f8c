#!/usr/bin/python3
"""Writes the malformed-CSV corpus (malformed/) and the valid fixtures (valid/) used by tests/Workbench.Tests/Data.

Deterministic: rerun with `/usr/bin/python3 make_corpus.py` from this folder; the output is committed.
malformed/expected.tsv lists, per case, the file that holds the problem (csv or dictionary), the 1-based line and
column the loader must report (0 = whole file / whole line) and a fragment of the expected message.
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(HERE, "malformed")
GOOD = os.path.join(HERE, "valid")

BASE = {
    "name": "people",
    "title": {"en": "Synthetic test people", "nl": "Synthetische testpersonen"},
    "source": "Synthetic test fixture (tests/Workbench.Tests/Fixtures/Data/make_corpus.py)",
    "synthetic": True,
    "licence": "CC0-1.0",
    "unitOfObservation": "person",
    "primaryKey": ["id"],
    "file": {"delimiter": ",", "culture": "invariant", "encoding": "utf-8"},
    "columns": [
        {"name": "id", "type": "identifier", "label": {"en": "Person", "nl": "Persoon"}},
        {"name": "sex", "type": "category", "label": {"en": "Sex", "nl": "Geslacht"},
         "codes": [{"code": "F", "label": {"en": "girls", "nl": "meisjes"}},
                   {"code": "M", "label": {"en": "boys", "nl": "jongens"}}]},
        {"name": "age", "type": "integer", "min": 0, "max": 120, "unit": "years", "label": {"en": "Age", "nl": "Leeftijd"}},
        {"name": "weight", "type": "decimal", "role": "weight", "label": {"en": "Design weight", "nl": "Ontwerpgewicht"}},
        {"name": "score", "type": "decimal", "required": False, "label": {"en": "Score", "nl": "Score"}},
        {"name": "told", "type": "boolean", "required": False, "role": "outcome", "label": {"en": "Told someone", "nl": "Iemand verteld"}},
        {"name": "visit", "type": "date", "required": False, "label": {"en": "Visit date", "nl": "Bezoekdatum"}},
        {"name": "note", "type": "text", "required": False, "label": {"en": "Note", "nl": "Notitie"}},
    ],
}
HEADER = "id,sex,age,weight,score,told,visit,note"
ROWS = [
    "1,F,34,1.25,3.5,1,2019-05-01,first",
    "2,M,27,0.8,,0,,second",
    "3,F,45,2.0,7.25,,2020-01-31,\"has, comma\"",
]

cases = []  # (name, target, line, column, fragment)


def dictionary(name, d=None, mutate=None):
    d = copy.deepcopy(d or BASE)
    d["name"] = name
    if mutate:
        mutate(d)
    return json.dumps(d, indent=2, ensure_ascii=False) + "\n"


def write(folder, name, csv_bytes, dict_text):
    with open(os.path.join(folder, name + ".csv"), "wb") as f:
        f.write(csv_bytes)
    if dict_text is not None:
        with open(os.path.join(folder, name + ".dictionary.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(dict_text)


def csv_case(name, rows, line, column, fragment, header=HEADER, mutate=None, raw=None, with_dict=True):
    body = raw if raw is not None else ("\n".join([header] + rows) + "\n").encode("utf-8")
    write(BAD, name, body, dictionary(name, mutate=mutate) if with_dict else None)
    cases.append((name, "csv", line, column, fragment))


def replace_row(i, text):
    rows = list(ROWS)
    rows[i] = text
    return rows


def dict_case(name, mutate, fragment, at, text=None):
    """A case whose dictionary is invalid; `at` is the expected (line, column): the value the problem is about
    (for JSON syntax and type errors, where System.Text.Json stops reading: just after the offending token)."""
    dict_text = text if text is not None else dictionary(name, mutate=mutate)
    write(BAD, name, ("\n".join([HEADER] + ROWS) + "\n").encode("utf-8"), dict_text)
    cases.append((name, "dictionary", at[0], at[1], fragment))


# Values of the wrong type or out of range (line 3 = the second data row).
csv_case("integer-not-a-number", replace_row(1, "2,M,abc,0.8,,0,,second"), 3, 3, "column 'age' has 'abc'; expected a whole number")
csv_case("integer-fraction", replace_row(1, "2,M,27.5,0.8,,0,,second"), 3, 3, "not a fraction")
csv_case("integer-with-spaces", replace_row(1, "2,M, 27,0.8,,0,,second"), 3, 3, "without spaces")
csv_case("integer-overflow", replace_row(1, "2,M,99999999999999999999,0.8,,0,,second"), 3, 3, "too large for a whole number")
csv_case("integer-overflow-negative", replace_row(1, "2,M,-9223372036854775809,0.8,,0,,second"), 3, 3, "too large for a whole number")
csv_case("integer-exponent", replace_row(1, "2,M,2e1,0.8,,0,,second"), 3, 3, "written with digits only")
csv_case("integer-double-sign", replace_row(1, "2,M,+-27,0.8,,0,,second"), 3, 3, "column 'age' has '+-27'; expected a whole number")
csv_case("integer-above-max", replace_row(1, "2,M,130,0.8,,0,,second"), 3, 3, "expected a value between 0 and 120 years")
csv_case("integer-below-min", replace_row(0, "1,F,-1,1.25,3.5,1,2019-05-01,first"), 2, 3, "between 0 and 120")
csv_case("decimal-not-a-number", replace_row(2, "3,F,45,2.0,seven,,2020-01-31,x"), 4, 5, "column 'score' has 'seven'; expected a number with a decimal point")
csv_case("decimal-comma-in-invariant-file", replace_row(2, "3,F,45,2.0,\"7,25\",,2020-01-31,x"), 4, 5, "looks like a decimal comma")
csv_case("nan", replace_row(1, "2,M,27,0.8,NaN,0,,second"), 3, 5, "NaN and Infinity are not allowed")
csv_case("infinity", replace_row(1, "2,M,27,0.8,Infinity,0,,second"), 3, 5, "NaN and Infinity are not allowed")
csv_case("negative-infinity-weight", replace_row(1, "2,M,27,-Infinity,,0,,second"), 3, 4, "NaN and Infinity are not allowed")
csv_case("weight-zero", replace_row(1, "2,M,27,0,,0,,second"), 3, 4, "a design weight must be greater than 0")
csv_case("weight-negative", replace_row(2, "3,F,45,-2.5,7.25,,2020-01-31,x"), 4, 4, "a design weight must be greater than 0")
csv_case("unknown-category-code", replace_row(1, "2,X,27,0.8,,0,,second"), 3, 2, "unknown code 'X'; expected one of: F, M")
csv_case("category-code-with-space", replace_row(1, "2,M ,27,0.8,,0,,second"), 3, 2, "unknown code 'M '")
csv_case("boolean-yes", replace_row(1, "2,M,27,0.8,,yes,,second"), 3, 6, "expected 0 or 1")
csv_case("date-invalid-day", replace_row(1, "2,M,27,0.8,,0,2019-02-30,second"), 3, 7, "expected a date as yyyy-MM-dd")
csv_case("date-wrong-format", replace_row(1, "2,M,27,0.8,,0,30-01-2019,second"), 3, 7, "expected a date as yyyy-MM-dd")
csv_case("required-value-missing", replace_row(1, "2,,27,0.8,,0,,second"), 3, 2, "column 'sex' is empty; a value is required")
csv_case("required-weight-missing", replace_row(1, "2,M,27,,,0,,second"), 3, 4, "column 'weight' is empty")
csv_case("duplicate-primary-key", ROWS + ["2,F,50,1.0,,,,dup"], 5, 1, "duplicate primary key id=2 (first on line 3)")
csv_case("too-few-fields", replace_row(1, "2,M,27,0.8,,0,"), 3, 8, "the row has 7 fields; the header has 8")
csv_case("too-many-fields", replace_row(1, "2,M,27,0.8,,0,,second,extra"), 3, 9, "the row has 9 fields; the header has 8")
csv_case("unquoted-comma-in-text", replace_row(2, "3,F,45,2.0,7.25,,2020-01-31,has, comma"), 4, 9, "the row has 9 fields")
csv_case("stray-quote", replace_row(1, "2,M,27,0.8,,0,,sec\"ond"), 3, 8, "double quote inside an unquoted value")
csv_case("text-after-closing-quote", replace_row(1, "2,M,27,0.8,,0,,\"sec\"ond"), 3, 8, "text after its closing double quote")
csv_case("unclosed-quote", ROWS + ["4,F,33,1.1,,,,\"never closed"], 5, 8, "not closed before the end of the file")
# A quoted value spanning lines 3-4 shifts every later line: the bad age is on line 5.
csv_case("error-after-quoted-newline", ["1,F,34,1.25,3.5,1,2019-05-01,\"two\nlines\"", "2,M,27,0.8,,0,,second", "3,F,abc,2.0,7.25,,2020-01-31,x"], 5, 3, "column 'age' has 'abc'")
csv_case("error-inside-multiline-row", ["1,F,34,1.25,3.5,1,2019-05-01,first", "2,M,27,0.8,,0,\"x\ny\",second"], 3, 7, "expected a date as yyyy-MM-dd")
# A blank line is skipped but still counted: the bad value after it is on line 5.
csv_case("error-after-blank-line", [ROWS[0], "", "2,M,27,0.8,,0,,second", "3,F,45,2.0,7.25,,x,none"], 5, 7,
         "column 'visit' has 'x'; expected a date as yyyy-MM-dd")
csv_case("weight-negative-zero", replace_row(1, "2,M,27,-0,,0,,second"), 3, 4, "a design weight must be greater than 0")
csv_case("date-with-time", replace_row(1, "2,M,27,0.8,,0,2019-05-01T10:00,second"), 3, 7, "expected a date as yyyy-MM-dd")
csv_case("trailing-delimiter", replace_row(1, "2,M,27,0.8,,0,,second,"), 3, 9, "the row has 9 fields; the header has 8")
csv_case("bom-crlf-wrong-type", None, 3, 3, "column 'age' has 'old'",
         raw=b"\xef\xbb\xbf" + "\r\n".join([HEADER, ROWS[0], "2,M,old,0.8,,0,,second", ROWS[2]]).encode() + b"\r\n")
csv_case("invalid-utf8-text", None, 3, 8, "not valid UTF-8",
         raw=("\n".join([HEADER, ROWS[0]]) + "\n").encode() + b"2,M,27,0.8,,0,,caf\xe9\n")
# Header problems (line 1).
csv_case("missing-column", [r.rsplit(",", 1)[0] for r in ROWS[:2]], 1, 0, "column 'note' is missing from the header",
         header="id,sex,age,weight,score,told,visit")
csv_case("extra-column", [r + ",x" for r in ROWS[:2]], 1, 9, "column 'extra' is not in the dictionary", header=HEADER + ",extra")
csv_case("duplicated-column", [r + ",1" for r in ROWS[:2]], 1, 9, "column 'age' appears twice in the header", header=HEADER + ",age")
csv_case("renamed-column", ROWS, 1, 3, "header field 3 is 'agee' but the dictionary expects 'age' there (renamed?)",
         header="id,sex,agee,weight,score,told,visit,note")
csv_case("header-with-spaces", ROWS, 1, 3, "header field 3 is ' age' with spaces around it",
         header="id,sex, age,weight,score,told,visit,note")
csv_case("empty-file", None, 0, 0, "the file is empty; expected a header line: id,sex,age", raw=b"")
csv_case("blank-file", None, 0, 0, "the file is empty", raw=b"\xef\xbb\xbf\r\n\r\n")
csv_case("utf16-file", None, 1, 1, "the file is UTF-16; save it as UTF-8", raw="\ufeff".encode("utf-16-le") + HEADER.encode("utf-16-le"))
csv_case("no-dictionary", ROWS, 0, 0, "no data dictionary: expected", with_dict=False)
# Encodings and line endings that read as something else: one line naming the cause.
csv_case("utf16-no-bom", None, 1, 1, "looks like UTF-16 (little-endian) without a byte order mark",
         raw=("\n".join([HEADER] + ROWS) + "\n").encode("utf-16-le"))
csv_case("utf16be-no-bom", None, 1, 1, "looks like UTF-16 (big-endian) without a byte order mark",
         raw=("\n".join([HEADER] + ROWS) + "\n").encode("utf-16-be"))
csv_case("utf32-bom", None, 1, 1, "the file is UTF-32", raw=("\ufeff" + "\n".join([HEADER] + ROWS) + "\n").encode("utf-32-le"))
csv_case("doubled-bom", None, 1, 1, "two UTF-8 byte order marks",
         raw=b"\xef\xbb\xbf\xef\xbb\xbf" + ("\n".join([HEADER] + ROWS) + "\n").encode())
csv_case("lone-cr-line-endings", None, 1, 0, "carriage return alone (CR, old Mac OS line endings)",
         raw=("\r".join([HEADER] + ROWS) + "\r").encode())
csv_case("lone-cr-after-header", None, 3, 0, "this line ends with a carriage return alone",
         raw=(HEADER + "\n" + ROWS[0] + "\n" + "\r".join(ROWS[1:]) + "\r").encode())
csv_case("unclosed-quote-in-header", ROWS, 1, 3, "header field 3 opens a double quote that is not closed on line 1",
         header='id,sex,"age,weight,score,told,visit,note')
# A ';'-separated file (Excel with Dutch settings) read with the default ',' dictionary.
csv_case("semicolon-file-comma-dictionary", ["1;F;34;1,25;3,5;1;2019-05-01;first", "2;M;27;0,8;;0;;second"], 1, 1,
         "the file seems to use ';' (the default of Excel with Dutch settings)", header=HEADER.replace(",", ";"))
csv_case("nul-in-text", replace_row(1, "2,M,27,0.8,,0,,sec\0ond"), 3, 8, "has a NUL character (byte 0) at byte 4 of 'sec\\0ond'")
# A terminal escape in a value is shown escaped, never passed to the terminal.
csv_case("ansi-escape-in-code", replace_row(1, "2,\x1b[2J\x1b[31mM,27,0.8,,0,,second"), 3, 2, "unknown code '\\x1B[2J\\x1B[31mM'")
csv_case("bidi-override-in-code", replace_row(1, "2,\u202eM,27,0.8,,0,,second"), 3, 2, "unknown code '\\u202EM'")


# Cultures whose decimal separator is not ASCII (ar-SA, fa-IR: U+066B ARABIC DECIMAL SEPARATOR). Numbers use that
# separator and the digits 0-9, as .NET parses these cultures; signs are ASCII (or the culture's own).
def culture(name):
    return lambda d: d["file"].update(culture=name)


def arabic_rows(i, text):
    rows = [r.replace(".", "\u066b") for r in ROWS]
    rows[i] = text
    return rows


csv_case("ar-SA-decimal-point", arabic_rows(1, "2,M,27,0.8,,0,,second"), 3, 4,
         "It looks like a decimal point, but the dictionary says culture ar-SA, whose decimal separator is '\u066b' (U+066B)", mutate=culture("ar-SA"))
# U+066B's low byte is 'k': '1k5' must not be read as 1.5.
csv_case("ar-SA-letter-k", arabic_rows(1, "2,M,27,1k5,,0,,second"), 3, 4,
         "column 'weight' has '1k5'; expected a number with the decimal separator '\u066b' (U+066B) of culture ar-SA", mutate=culture("ar-SA"))
csv_case("fa-IR-arabic-indic-digits", arabic_rows(1, "2,M,27,\u06f0\u066b\u06f8,,0,,second"), 3, 4,
         "Digits other than 0-9 (such as U+06F0) are not read", mutate=culture("fa-IR"))


# Dutch export: ';' with a decimal comma; a decimal point there is an error.
def dutch(d):
    d["file"] = {"delimiter": ";", "culture": "nl-NL", "encoding": "utf-8"}


csv_case("nl-decimal-point", ["1;F;34;1,25;3.5;1;2019-05-01;first"], 2, 5, "expected a number with a decimal comma (culture nl-NL)",
         header=HEADER.replace(",", ";"), mutate=dutch)
csv_case("nl-comma-delimited-file", ["1,F,34,\"1,25\",3.5,1,2019-05-01,first"], 1, 1, "the file seems to use ','",
         header=HEADER, mutate=dutch)

# Invalid dictionaries.
dict_case("dictionary-bad-json", None, "invalid JSON", (10, 3),
          text=dictionary("dictionary-bad-json").replace('"licence": "CC0-1.0",', '"licence": "CC0-1.0"', 1))
dict_case("dictionary-unknown-type", lambda d: d["columns"][2].update(type="number"),
          "unknown column type at $.columns[2].type; expected one of: integer, decimal", (54, 23))
dict_case("dictionary-unknown-role", lambda d: d["columns"][3].update(role="weights"), "unknown column role", (66, 24))
dict_case("dictionary-unknown-member", lambda d: d["columns"][2].update(minimum=0), "unknown member at $.columns[2].minimum", (62, 17))
dict_case("dictionary-missing-label", lambda d: d["columns"][2].pop("label"), "required member missing at $.columns[2]: 'label'", (58, 6))
dict_case("dictionary-category-without-codes", lambda d: d["columns"][1].pop("codes"), "category column 'sex' has no codes", (28, 5))
dict_case("dictionary-duplicate-column", lambda d: d["columns"].append(copy.deepcopy(d["columns"][2])),
          "duplicate column name 'age' (also columns[2])", (110, 15))
dict_case("dictionary-primary-key-unknown", lambda d: d.update(primaryKey=["person_id"]), "primary key names unknown column 'person_id'", (12, 5))
dict_case("dictionary-min-greater-than-max", lambda d: d["columns"][2].update(min=200), "has min 200 greater than max 120; swap them", (55, 14))
dict_case("dictionary-unknown-culture", lambda d: d["file"].update(culture="xx-YY"), "unknown culture 'xx-YY'", (16, 16))
dict_case("dictionary-multichar-delimiter", lambda d: d["file"].update(delimiter=";;"), "must be exactly one character", (15, 18))
dict_case("dictionary-delimiter-is-decimal-comma", lambda d: d["file"].update(culture="nl-NL"), "also the decimal separator of culture 'nl-NL'", (15, 18))
dict_case("dictionary-weight-not-numeric", lambda d: d["columns"][3].update(type="text"), "a weight must be \"decimal\" or \"integer\"", (66, 15))
dict_case("dictionary-codes-on-integer", lambda d: d["columns"][2].update(codes=[{"code": "1", "label": {"en": "a", "nl": "a"}}]),
          "has codes but type 'integer'", (62, 16))
dict_case("dictionary-empty-dutch-title", lambda d: d["title"].update(nl=""), "the Dutch title is empty", (5, 11))
dict_case("dictionary-name-mismatch", None, "the dictionary is named 'persons'", (0, 0), text=dictionary("persons"))

with open(os.path.join(BAD, "expected.tsv"), "w", encoding="utf-8", newline="\n") as f:
    f.write("case\tfile\tline\tcolumn\tfragment\n")
    for c in cases:
        f.write("\t".join(str(x) for x in c) + "\n")

# Valid fixtures: plain; BOM + CRLF + quoted newline; Dutch export; header only.
write(GOOD, "people", ("\n".join([HEADER] + ROWS) + "\n").encode(), dictionary("people"))
write(GOOD, "people-bom-crlf", b"\xef\xbb\xbf" + "\r\n".join(
    [HEADER, ROWS[0], "2,M,27,0.8,,0,,\"second\r\nline, with \"\"quotes\"\"\"", ROWS[2]]).encode() + b"\r\n",
    dictionary("people-bom-crlf"))
write(GOOD, "people-nl", ("\n".join([HEADER.replace(",", ";"),
                                      "1;F;34;1,25;3,5;1;2019-05-01;first",
                                      "2;M;27;0,8;;0;;second",
                                      "3;F;45;2;7,25;;2020-01-31;\"has; semicolon\""]) + "\n").encode(),
      dictionary("people-nl", mutate=dutch))
# Arabic culture: U+066B decimal separator, ASCII and native signs, a leading '+'.
write(GOOD, "people-ar", ("\n".join([HEADER,
                                      "1,F,+34,1\u066b25,-3\u066b5,1,2019-05-01,first",
                                      "2,M,27,0\u066b8,\u061c-2\u066b5e\u061c-1,0,,second",
                                      "3,F,45,2,+7\u066b25,,2020-01-31,third"]) + "\n").encode(),
      dictionary("people-ar", mutate=culture("ar-SA")))
write(GOOD, "people-header-only", (HEADER + "\n").encode(), dictionary("people-header-only"))
write(GOOD, "people-reordered", ("\n".join(["note,id,sex,age,weight,score,told,visit",
                                              "first,1,F,34,1.25,3.5,1,2019-05-01",
                                              "second,2,M,27,0.8,,0,"]) + "\n").encode(), dictionary("people-reordered"))
print(f"{len(cases)} malformed cases")
