"""The deep run of the API and page fuzzing: the tests of `make test` with budgets multiplied (default 20×).

usage: [DATABASE_URL=postgres://…] .venv/bin/python bench/fuzz_deep.py [--scale 20] [--random]
`--random` drops the fixed seed, so each run explores new inputs; a failure prints the request that caused it.
"""
import argparse
import os
import sys

import pytest

TESTS = ["tests/security/test_fuzz_api.py", "tests/security/test_fuzz_pages.py"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--random", action="store_true", help="a new seed each run instead of the fixed one")
    args = parser.parse_args()
    os.environ["MANDATE_FUZZ_SCALE"] = str(args.scale)
    if args.random:
        os.environ["MANDATE_FUZZ_RANDOM"] = "1"
    return pytest.main(["-q", "-p", "no:cacheprovider", "-s", *TESTS])


if __name__ == "__main__":
    sys.exit(main())
