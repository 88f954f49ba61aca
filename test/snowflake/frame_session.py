"""Runs a generated training handler against a stand-in Snowpark session serving one
pandas DataFrame (read from a CSV file) as the training set; registry queries see an
empty registry. Prints what the handler returned and wrote, and scikit-learn's own
scores of the fitted model on every row, as one JSON document."""

import json
import sys
import types

import pandas as pd


class Result:
    def __init__(self, rows, frame=None):
        self._rows = rows
        self._frame = frame

    def collect(self):
        return self._rows

    def to_pandas(self):
        return self._frame


class FrameSession:
    def __init__(self, frame):
        self.frame = frame
        self.statements = []

    def sql(self, query, params=None):
        self.statements.append({"sql": query, "params": list(params or [])})
        if query.startswith("SELECT") and "COALESCE(MAX" in query:
            return Result([{"V": 0, "ID": 0}])
        if query.startswith("SELECT") and "status = 'CHAMPION'" in query:
            return Result([])
        if query.startswith("SELECT"):
            # Snowflake returns unquoted column names in upper case.
            return Result([], self.frame.rename(columns=str.upper))
        return Result([])


def main():
    source_path, csv_path = sys.argv[1], sys.argv[2]
    module = types.ModuleType("procedure")
    with open(source_path) as f:
        exec(compile(f.read(), source_path, "exec"), module.__dict__)
    frame = pd.read_csv(csv_path)
    fitted = {}
    original = module.fit

    def capture(part):
        fitted["model"] = original(part)
        return fitted["model"]

    module.fit = capture
    session = FrameSession(frame)
    returned = module.main(session, "fingerprint-1", "commit-1", '{"dataset.training": "fingerprint-1"}')
    scores = fitted["model"].scores(frame)
    print(json.dumps({"returned": json.loads(returned), "statements": session.statements, "scores": scores.tolist()}))


if __name__ == "__main__":
    main()
