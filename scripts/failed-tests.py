#!/usr/bin/env python3
"""Prints each failed test in the given .trx files: its name and the first lines of its message and stack."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        print(f"  (could not read {path}: {error})")
        continue
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") != "Failed":
            continue
        print(f"  FAILED {result.get('testName')} ({result.get('duration')})")
        for tag in ("Message", "StackTrace"):
            node = result.find(f".//t:ErrorInfo/t:{tag}", NS)
            lines = [line for line in (node.text or "").splitlines() if line.strip()] if node is not None else []
            for line in lines[:8]:
                print(f"      {line.rstrip()}")
