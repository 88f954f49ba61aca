"""A stand-in for the Snowpark session a Python stored procedure receives.

The emulator runs this file with /usr/bin/python3 for each CALL. The first line on stdin
is the procedure: its source, handler and arguments. Every session.sql(...) goes back to
the emulator as one JSON line on stdout and waits for its rows on stdin, so the handler's
statements run in the calling session, as they do in Snowflake. The handler's own prints
go to stderr.
"""

import json
import sys
import traceback
import types


class Row(dict):
    """Snowpark's Row: by column name (upper case for unquoted names) or attribute."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(name) from error


class DataFrame:
    def __init__(self, session, query, params):
        self._session = session
        self._query = query
        self._params = params

    def _result(self):
        return self._session._execute(self._query, self._params)

    def collect(self):
        result = self._result()
        return [Row(zip(result["columns"], row)) for row in result["rows"]]

    def to_pandas(self):
        import pandas

        result = self._result()
        return pandas.DataFrame(result["rows"], columns=result["columns"])


class Session:
    def __init__(self, requests, replies):
        self._requests = requests
        self._replies = replies

    def _execute(self, query, params):
        self._requests.write(json.dumps({"sql": query, "params": list(params or [])}) + "\n")
        self._requests.flush()
        reply = json.loads(self._replies.readline())
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply

    def sql(self, query, params=None):
        return DataFrame(self, query, params)

    def table(self, name):
        return DataFrame(self, "SELECT * FROM " + name, None)


def main():
    requests = sys.stdout
    sys.stdout = sys.stderr
    call = json.loads(sys.stdin.readline())
    session = Session(requests, sys.stdin)
    module = types.ModuleType("procedure")
    try:
        exec(compile(call["source"], "<procedure " + call["name"] + ">", "exec"), module.__dict__)
        result = getattr(module, call["handler"])(session, *call["args"])
        reply = {"result": result}
    except Exception as error:
        reply = {"error": "%s: %s" % (type(error).__name__, error), "traceback": traceback.format_exc()}
    requests.write(json.dumps(reply) + "\n")
    requests.flush()


if __name__ == "__main__":
    main()
