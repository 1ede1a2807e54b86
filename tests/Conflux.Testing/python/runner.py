"""Runs the test_*.py modules in this directory against a Conflux server and writes one JSON result per test.

Usage: runner.py --dir SUITE_DIR --endpoint http://127.0.0.1:PORT --out results.json [module ...]
Shared by every face's Python suite: the xunit fixture (Conflux.Testing.PythonSuiteFixture) starts the
server, runs this once for its suite directory, and reports each result as its own test.
"""
import argparse
import importlib
import json
import os
import sys
import time
import traceback
import unittest


class RecordingResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.records = {}
        self._started = {}

    def startTest(self, test):
        super().startTest(test)
        self._started[test.id()] = time.monotonic()

    def _record(self, test, outcome, message=""):
        started = self._started.get(test.id(), time.monotonic())
        self.records[test.id()] = {
            "outcome": outcome,
            "message": message,
            "seconds": round(time.monotonic() - started, 3),
        }

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, "failed", self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self._record(test, "failed", self._exc_info_to_string(err, test))

    def addSubTest(self, test, subtest, err):
        # A failing subTest fails its test: unittest then calls neither addSuccess nor addFailure for it.
        super().addSubTest(test, subtest, err)
        if err is not None:
            previous = self.records.get(test.id(), {}).get("message", "")
            message = f"{subtest.id()}:\n{self._exc_info_to_string(err, test)}"
            self._record(test, "failed", (previous + "\n" if previous else "") + message)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, "failed", "skipped: " + reason)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True, help="the suite directory holding test_*.py")
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("modules", nargs="*")
    args = parser.parse_args()

    here = os.path.abspath(args.dir)
    # The suite's own modules first, then the shared helpers next to this runner (conflux.py).
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, here)
    os.environ["CONFLUX_ENDPOINT"] = args.endpoint
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

    modules = args.modules or sorted(f[:-3] for f in os.listdir(here) if f.startswith("test_") and f.endswith(".py"))
    suite = unittest.TestSuite()
    records = {}
    for name in modules:
        try:
            suite.addTests(unittest.defaultTestLoader.loadTestsFromModule(importlib.import_module(name)))
        except Exception:
            records[name] = {"outcome": "failed", "message": "import failed:\n" + traceback.format_exc(), "seconds": 0}

    result = RecordingResult()
    suite.run(result)
    records.update(result.records)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(records, handle, indent=1)
    failed = sum(1 for r in records.values() if r["outcome"] != "passed")
    print(f"{len(records) - failed} passed, {failed} failed")


if __name__ == "__main__":
    main()
