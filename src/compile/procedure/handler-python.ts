/**
 * The body of the training procedure's Python handler: scikit-learn learners exported
 * to mlc's portable artifact (docs/artifact-format.md), the metrics mlc's TypeScript
 * learners report, and the registry write with the promotion policy applied. It reads
 * its per-model settings from CONFIG and the split rule from split_of, both generated.
 */

export const HANDLER_BODY = String.raw`
def feature_specs(frame):
    specs = []
    for name in CONFIG["features"]:
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            specs.append({"name": name, "type": "numeric"})
        else:
            specs.append({"name": name, "type": "categorical", "categories": sorted({str(v) for v in column.dropna()})})
    return specs


def input_columns(specs):
    inputs = []
    for spec in specs:
        if spec["type"] == "numeric":
            inputs.append({"feature": spec["name"]})
        else:
            inputs.extend({"feature": spec["name"], "category": c} for c in spec["categories"])
    return inputs


def design_matrix(frame, inputs):
    columns = []
    for item in inputs:
        values = frame[item["feature"]]
        if "category" in item:
            matches = values.map(lambda v: (not pd.isna(v)) and str(v) == item["category"]).astype(float)
            columns.append(np.where(values.isna(), np.nan, matches))
        else:
            columns.append(pd.to_numeric(values, errors="coerce").astype(float).to_numpy())
    return np.column_stack(columns) if columns else np.empty((len(frame), 0))


def plain(value):
    return value.item() if hasattr(value, "item") else value


def json_params(model):
    return {k: plain(v) for k, v in model.get_params().items() if v is None or isinstance(plain(v), (bool, int, float, str))}


def learner(task, algorithm, params):
    params = dict(params)
    if algorithm == "random_forest":
        params.pop("max_bins", None)
    if algorithm == "logistic_regression":
        return LogisticRegression(**params)
    if algorithm == "linear_regression":
        return Ridge(**{"alpha": 1e-10, **params})
    if algorithm == "random_forest":
        return (RandomForestRegressor if task == "regression" else RandomForestClassifier)(**params)
    if "n_estimators" in params:
        params.setdefault("max_iter", params.pop("n_estimators"))
    if task == "regression":
        params.pop("class_weight", None)
        return HistGradientBoostingRegressor(**params)
    return HistGradientBoostingClassifier(**params)


def flat_tree(output, leaf, left, right, feature, threshold, missing_left, value):
    # Breadth-first renumbering puts children after their parent, as the format requires.
    order, index, i = [0], {0: 0}, 0
    while i < len(order):
        node = order[i]
        i += 1
        if not leaf[node]:
            for child in (int(left[node]), int(right[node])):
                index[child] = len(order)
                order.append(child)
    tree = {"output": output, "feature": [], "threshold": [], "left": [], "right": [], "missingLeft": [], "value": []}
    for node in order:
        inner = not leaf[node]
        tree["feature"].append(int(feature[node]) if inner else -1)
        tree["threshold"].append(float(threshold[node]) if inner else 0.0)
        tree["left"].append(index[int(left[node])] if inner else -1)
        tree["right"].append(index[int(right[node])] if inner else -1)
        tree["missingLeft"].append(bool(missing_left[node]) if inner else False)
        tree["value"].append(0.0 if inner else float(value[node]))
    return tree


def forest_trees(model, outputs):
    trees = []
    n = len(model.estimators_)
    for estimator in model.estimators_:
        t = estimator.tree_
        leaf = t.children_left == -1
        missing = getattr(t, "missing_go_to_left", np.zeros(t.node_count, dtype=bool))
        values = t.value[:, 0, :]
        if values.shape[1] > 1:
            values = values / values.sum(axis=1, keepdims=True)
        columns = [values.shape[1] - 1] if outputs == 1 and values.shape[1] == 2 else list(range(values.shape[1]))
        for k, column in enumerate(columns):
            trees.append(flat_tree(k, leaf, t.children_left, t.children_right, t.feature, t.threshold, missing, values[:, column] / n))
    return trees


def boosting_trees(model):
    trees = []
    for iteration in model._predictors:
        for k, predictor in enumerate(iteration):
            nodes = predictor.nodes
            trees.append(
                flat_tree(k, nodes["is_leaf"], nodes["left"], nodes["right"], nodes["feature_idx"], nodes["num_threshold"], nodes["missing_go_to_left"], nodes["value"])
            )
    return trees


def boosting_gain(model, width):
    gain = np.zeros(width)
    for iteration in model._predictors:
        for predictor in iteration:
            nodes = predictor.nodes
            inner = nodes["is_leaf"] == 0
            np.add.at(gain, nodes["feature_idx"][inner], np.maximum(nodes["gain"][inner], 0))
    return gain


def per_feature(specs, inputs, weights):
    totals = {spec["name"]: 0.0 for spec in specs}
    for item, weight in zip(inputs, weights):
        totals[item["feature"]] += float(abs(weight))
    total = sum(totals.values())
    return [totals[spec["name"]] / total if total > 0 else 1.0 / len(specs) for spec in specs]


class Fitted:
    def __init__(self, artifact, transform, model):
        self.artifact = artifact
        self.transform = transform
        self.model = model

    def scores(self, frame):
        x = self.transform(design_matrix(frame, self.artifact["inputs"]))
        if self.artifact["task"] == "regression":
            return self.model.predict(x)
        proba = self.model.predict_proba(x)
        return proba[:, 1] if self.artifact["task"] == "binary" else proba


def fit(frame):
    task, algorithm = CONFIG["task"], CONFIG["algorithm"]
    specs = feature_specs(frame)
    inputs = input_columns(specs)
    x = design_matrix(frame, inputs)
    y = frame[CONFIG["target"]].astype(float).to_numpy() if task == "regression" else frame[CONFIG["target"]].to_numpy()
    model = learner(task, algorithm, CONFIG["params"])
    linear = algorithm in ("logistic_regression", "linear_regression")
    classes = None if task == "regression" else sorted({plain(v) for v in y})
    outputs = len(classes) if task == "multiclass" else 1
    artifact = {
        "format": "mlc.model/1",
        "task": task,
        "kind": "linear" if linear else "tree_ensemble",
        "algorithm": algorithm,
        "features": specs,
        "encoding": "one_hot",
        "inputs": inputs,
        "outputs": outputs,
        "classes": classes,
        "threshold": 0.5 if task == "binary" else None,
        "preprocessing": None,
        "linear": None,
        "trees": None,
    }
    if linear:
        imputer = SimpleImputer(strategy="mean", keep_empty_features=True).fit(x)
        scaler = StandardScaler().fit(imputer.transform(x))
        transform = lambda m: scaler.transform(imputer.transform(m))
        model.fit(transform(x), y)
        coefficients = np.atleast_2d(model.coef_)
        artifact["preprocessing"] = {"impute": imputer.statistics_.tolist(), "mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist()}
        artifact["linear"] = {"coefficients": coefficients.tolist()}
        artifact["baseScore"] = np.atleast_1d(model.intercept_).astype(float).tolist()
        artifact["link"] = {"binary": "logit", "multiclass": "softmax"}.get(task, "identity")
        artifact["importance"] = per_feature(specs, inputs, np.abs(coefficients).sum(axis=0))
        iterations = int(np.max(getattr(model, "n_iter_", [0])))
        converged = iterations < model.max_iter if algorithm == "logistic_regression" else None
    else:
        transform = lambda m: m
        model.fit(x, y)
        if algorithm == "random_forest":
            artifact["trees"] = forest_trees(model, outputs)
            artifact["baseScore"] = [0.0] * outputs
            artifact["link"] = "identity"
            artifact["importance"] = per_feature(specs, inputs, model.feature_importances_)
            iterations = len(model.estimators_)
        else:
            artifact["trees"] = boosting_trees(model)
            base = np.ravel(np.asarray(model._baseline_prediction, dtype=float))
            artifact["baseScore"] = (np.repeat(base, outputs) if base.size == 1 else base).tolist()
            artifact["link"] = {"binary": "logit", "multiclass": "softmax"}.get(task, "identity")
            artifact["importance"] = per_feature(specs, inputs, boosting_gain(model, len(inputs)))
            iterations = int(model.n_iter_)
        converged = None
    artifact["params"] = json_params(model)
    artifact["training"] = {"rows": int(len(frame)), "iterations": iterations, "converged": converged}
    return Fitted(artifact, transform, model)


def metrics(fitted, frame):
    if len(frame) == 0:
        return {}
    task, y = fitted.artifact["task"], frame[CONFIG["target"]].to_numpy()
    scores = fitted.scores(frame)
    eps = np.finfo(float).eps
    if task == "regression":
        y = y.astype(float)
        return {"rmse": float(np.sqrt(mean_squared_error(y, scores))), "mae": float(mean_absolute_error(y, scores)), "r2": float(r2_score(y, scores))}
    classes = fitted.artifact["classes"]
    if task == "binary":
        actual = np.array([plain(v) == classes[1] for v in y], dtype=int)
        predicted = (scores >= fitted.artifact["threshold"]).astype(int)
        p = np.clip(scores, eps, 1 - eps)
        result = {
            "accuracy": float(accuracy_score(actual, predicted)),
            "precision": float(precision_score(actual, predicted, zero_division=0)),
            "recall": float(recall_score(actual, predicted, zero_division=0)),
            "f1_score": float(f1_score(actual, predicted, zero_division=0)),
            "log_loss": float(-np.mean(np.where(actual == 1, np.log(p), np.log(1 - p)))),
        }
        if len(set(actual)) == 2:
            result["auc_roc"] = float(roc_auc_score(actual, scores))
        return result
    index = {c: i for i, c in enumerate(classes)}
    actual = np.array([index[plain(v)] for v in y])
    p = np.clip(scores, eps, 1)
    return {
        "accuracy": float(accuracy_score(actual, scores.argmax(axis=1))),
        "f1_macro": float(f1_score(actual, scores.argmax(axis=1), average="macro", labels=sorted(set(actual)), zero_division=0)),
        "log_loss": float(-np.mean(np.log(p[np.arange(len(actual)), actual]))),
    }


def curves(fitted, frame):
    # The confusion matrix and ROC curve (at most 200 points, ends kept) the docs site draws, as mlc's learners record them.
    if fitted.artifact["task"] != "binary" or len(frame) == 0:
        return {}
    actual = np.array([plain(v) == fitted.artifact["classes"][1] for v in frame[CONFIG["target"]].to_numpy()], dtype=int)
    scores = fitted.scores(frame)
    predicted = scores >= fitted.artifact["threshold"]
    confusion = {
        "tp": int(np.sum(predicted & (actual == 1))),
        "fp": int(np.sum(predicted & (actual == 0))),
        "tn": int(np.sum(~predicted & (actual == 0))),
        "fn": int(np.sum(~predicted & (actual == 1))),
    }
    if len(set(actual)) < 2:
        return {"confusion": confusion}
    fpr, tpr, _ = roc_curve(actual, scores, drop_intermediate=False)
    keep = np.round(np.linspace(0, len(fpr) - 1, min(len(fpr), 200))).astype(int)
    return {"confusion": confusion, "roc": {"fpr": fpr[keep].tolist(), "tpr": tpr[keep].tolist()}}


def decide(headline, champion):
    # The same policy as src/registry/promotion.ts.
    policy = CONFIG["promote"]
    value = headline.get(policy["metric"])
    if value is None:
        return "CANDIDATE", "no %s was measured" % policy["metric"]
    for metric, minimum in policy["minimums"].items():
        measured = headline.get(metric)
        if measured is None or not measured >= minimum:
            return "CANDIDATE", "%s %s is below the minimum %s" % (metric, "missing" if measured is None else "%.4f" % measured, minimum)
    if champion is None:
        return "CHAMPION", "first version passing the policy (%s %.4f)" % (policy["metric"], value)
    if CONFIG["ab"]:
        return "CHALLENGER", "passes the policy (%s %.4f); A/B decides against the champion's %.4f" % (policy["metric"], value, champion)
    if value > champion + policy["margin"]:
        return "CHAMPION", "%s %.4f beats the champion's %.4f" % (policy["metric"], value, champion)
    return "CANDIDATE", "%s %.4f does not beat the champion's %.4f by %s" % (policy["metric"], value, champion, policy["margin"])


def js_number(x):
    # Numbers as JavaScript prints them, so the artifact hash equals mlc's artifactHash.
    if isinstance(x, int):
        return str(x)
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError("a model artifact cannot hold %r" % x)
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    t = decimal.Decimal(repr(abs(x))).normalize().as_tuple()
    digits = "".join(map(str, t.digits))
    k, n = len(digits), t.exponent + len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    return sign + digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e > 0 else "-") + str(abs(e))


def canonical(value):
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return js_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical(value[k]) for k in sorted(value)) + "}"
    return "[" + ",".join(canonical(v) for v in value) + "]"


def main(session, training_fingerprint, code_version, feature_fingerprints):
    frame = session.sql(CONFIG["training_query"]).to_pandas()
    frame.columns = [c.lower() for c in frame.columns]
    if len(frame) == 0:
        raise ValueError("the training data of %s has no rows" % CONFIG["model"])
    split = frame[CONFIG["entity"]].map(split_of)
    parts = {name: frame[split == name] for name in ("train", "validation", "test")}
    fitted = fit(parts["train"])
    evaluations = {name: metrics(fitted, part) for name, part in parts.items()}
    headline_split = next((name for name in ("test", "validation", "train") if evaluations[name]), "train")
    headline = evaluations[headline_split]
    performance = dict(headline, **curves(fitted, parts[headline_split]), splits=evaluations, rows={name: int(len(part)) for name, part in parts.items()})

    registry, evaluation, model = CONFIG["registry"], CONFIG["evaluation"], CONFIG["model"]
    previous = session.sql(
        "SELECT COALESCE(MAX(CASE WHEN model_name = ? THEN version_number END), 0) AS v, COALESCE(MAX(model_id), 0) AS id FROM " + registry,
        params=[model],
    ).collect()[0]
    version = int(previous["V"]) + 1
    champion_rows = session.sql(
        "SELECT model_version AS v, performance_metrics AS m FROM " + registry + " WHERE model_name = ? AND status = 'CHAMPION'", params=[model]
    ).collect()
    champion = json.loads(champion_rows[0]["M"]).get(CONFIG["promote"]["metric"]) if champion_rows else None
    status, reason = decide(headline, champion)
    artifact = fitted.artifact
    text = canonical(artifact)
    accuracy = lambda name: evaluations[name].get("accuracy")
    values = {
        "model_id": ("?", int(previous["ID"]) + 1),
        "model_name": ("?", model),
        "model_version": ("?", "v%d" % version),
        "version_number": ("?", version),
        "model_binary": ("?", text),
        "training_date": ("CURRENT_TIMESTAMP()::TIMESTAMP_NTZ", None),
        "performance_metrics": ("PARSE_JSON(?)", canonical(performance)),
        "feature_columns": ("PARSE_JSON(?)", canonical(CONFIG["features"])),
        "status": ("?", status),
        "algorithm": ("?", artifact["algorithm"]),
        "params": ("PARSE_JSON(?)", canonical(artifact["params"])),
        "artifact_hash": ("?", hashlib.sha256(text.encode()).hexdigest()),
        "training_rows": ("?", int(len(frame))),
        "training_fingerprint": ("?", training_fingerprint),
        "code_version": ("?", code_version),
        "feature_fingerprints": ("PARSE_JSON(?)", feature_fingerprints),
        "previous_champion": ("?", champion_rows[0]["V"] if status == "CHAMPION" and champion_rows else None),
    }
    columns = CONFIG["registry_columns"]
    expressions = [values[c][0] if c in values else "NULL" for c in columns]
    binds = [values[c][1] for c in columns if c in values and "?" in values[c][0]]
    session.sql("BEGIN TRANSACTION").collect()
    try:
        demoted = {"CHAMPION": "ARCHIVED", "CHALLENGER": "CANDIDATE"}.get(status)
        if demoted:
            session.sql("UPDATE " + registry + " SET status = ? WHERE model_name = ? AND status = ?", params=[demoted, model, status]).collect()
        session.sql("INSERT INTO " + registry + " (" + ", ".join(columns) + ") SELECT " + ", ".join(expressions), params=binds).collect()
        session.sql(
            "INSERT INTO " + evaluation + " SELECT ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP()::TIMESTAMP_NTZ",
            params=[model, "v%d" % version, accuracy("train"), accuracy("validation"), accuracy("test"), headline.get("f1_score"), headline.get("auc_roc")],
        ).collect()
        session.sql("COMMIT").collect()
    except Exception:
        session.sql("ROLLBACK").collect()
        raise
    metric = CONFIG["promote"]["metric"]
    shown = "n/a" if headline.get(metric) is None else "%.3f" % headline[metric]
    return json.dumps({"version": "v%d" % version, "status": status, "reason": reason, "rows": int(len(frame)), "detail": "v%d %s: %s %s (%s)" % (version, status.lower(), metric, shown, reason)})
`;
