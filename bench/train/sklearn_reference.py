# Trains the sklearn counterparts of bench/train/run.js on the same data; prints JSON.
import json, sys, time
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

folder, rows, features, only, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(','), int(sys.argv[5])
x = np.fromfile(f'{folder}/x.f32', dtype=np.float32).reshape(rows, features)
y = np.fromfile(f'{folder}/y.f64', dtype=np.float64)
train_end = round(rows * 0.8)
x_train, y_train, x_test, y_test = x[:train_end], y[:train_end], x[train_end:], y[train_end:]
rf_end = round(rows * 0.2)

def timed(make, xs, ys):
    times, auc = [], 0
    for _ in range(reps):
        start = time.perf_counter()
        model = make().fit(xs, ys)
        times.append(time.perf_counter() - start)
        auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    return {'seconds': float(np.median(times)), 'auc': float(auc)}

out = {}
if 'gbm' in only:
    out['hgb'] = timed(lambda: HistGradientBoostingClassifier(max_iter=100, max_depth=6, max_leaf_nodes=None, learning_rate=0.1, early_stopping=False), x_train, y_train)
if 'lr' in only:
    out['lr'] = timed(lambda: LogisticRegression(), x_train, y_train)
if 'rf' in only:
    out['rf'] = timed(lambda: RandomForestClassifier(n_estimators=100, max_depth=8, n_jobs=2, random_state=0), x[:rf_end], y[:rf_end])
print(json.dumps(out))
