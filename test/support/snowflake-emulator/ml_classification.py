"""SNOWFLAKE.ML.CLASSIFICATION for the emulator: a scaled logistic regression trained for
real with scikit-learn. Reads {columns, rows, target, test_fraction} as JSON on stdin;
writes the fitted coefficients and the evaluation tables Snowflake's
SHOW_EVALUATION_METRICS and SHOW_GLOBAL_EVALUATION_METRICS return."""

import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, precision_recall_fscore_support, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def label(value):
    return str(int(value)) if isinstance(value, (bool, float, int)) and float(value).is_integer() else str(value)


def main():
    request = json.loads(sys.stdin.read())
    columns = [c.upper() for c in request["columns"]]
    target = request["target"].upper()
    if target not in columns:
        raise SystemExit(f"Target column {target} not found in the input data")
    features = [c for c in columns if c != target]
    t = columns.index(target)
    rows = [r for r in request["rows"] if r[t] is not None]
    x = np.array([[np.nan if r[columns.index(f)] is None else float(r[columns.index(f)]) for f in features] for r in rows])
    y = np.array([label(r[t]) for r in rows])
    x = np.where(np.isnan(x), np.nanmean(x, axis=0), x)
    classes = sorted(set(y))
    if len(classes) != 2:
        raise SystemExit(f"the emulator trains binary classification only, got {len(classes)} classes")

    def fit(features_x, labels):
        scaler = StandardScaler().fit(features_x)
        return scaler, LogisticRegression(max_iter=1000).fit(scaler.transform(features_x), labels)

    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=request["test_fraction"], random_state=0, stratify=y)
    scaler, model = fit(x_train, y_train)
    probability = model.predict_proba(scaler.transform(x_test))
    predicted = model.classes_[probability.argmax(axis=1)]
    precision, recall, f1, support = precision_recall_fscore_support(y_test, predicted, labels=classes, zero_division=0)
    per_class = []
    for i, name in enumerate(classes):
        for metric, values in (("precision", precision), ("recall", recall), ("f1", f1), ("support", support)):
            per_class.append(["EVAL", name, metric, float(values[i]), None])
    positive = list(model.classes_).index(classes[1])
    macro = precision_recall_fscore_support(y_test, predicted, labels=classes, average="macro", zero_division=0)
    overall = [
        ["EVAL", "macro", "precision", float(macro[0]), None],
        ["EVAL", "macro", "recall", float(macro[1]), None],
        ["EVAL", "macro", "f1", float(macro[2]), None],
        ["EVAL", "macro", "auc", float(roc_auc_score(y_test == classes[1], probability[:, positive])), None],
        ["EVAL", "macro", "log_loss", float(log_loss(y_test, probability, labels=list(model.classes_))), None],
    ]
    # Evaluated on the held-out part, then refit on everything, as Snowflake does.
    scaler, model = fit(x, y)
    sign = 1.0 if model.classes_[1] == classes[1] else -1.0
    json.dump({
        "features": features,
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "coef": (sign * model.coef_[0]).tolist(),
        "intercept": sign * float(model.intercept_[0]),
        "classes": classes,
        "evaluation": per_class,
        "global": overall,
    }, sys.stdout)


main()
