"""Deterministic 2-D layout for the HTML explorer, computed in Python.

Fruchterman-Reingold with numpy (float32, fixed seed, fixed iteration count)
on the *skeleton*: the ``max_force`` best-connected nodes. Its cost is
O(n^2) per iteration, about 0.5 s for 1,200 nodes. Every other node is
placed beside the mean of its already-placed neighbours (in order of
decreasing degree), at a small offset on a golden-angle spiral, which is
O(edges). Coordinates are rounded so rebuilds are byte-identical.

>>> pos = layout(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> sorted(pos) == ["a", "b", "c"] and pos == layout(["a", "b", "c"], [("a", "b"), ("b", "c")])
True
"""
from __future__ import annotations

import math
from collections import defaultdict

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
GRAVITY = 2.0  # pull towards the centre, so small components do not drift off


def _force(n: int, src, dst, seed: int, iterations: int, gravity: float = GRAVITY):
    """Fruchterman-Reingold on nodes 0..n-1 with edges src[i]-dst[i]; returns (x, y) arrays in [0, 1]."""
    import numpy as np

    rng = np.random.default_rng(seed)
    x = rng.random(n, dtype=np.float32)
    y = rng.random(n, dtype=np.float32)
    if n < 2:
        return x, y
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    k = np.float32(1.0 / math.sqrt(n))
    k2 = k * k
    diag = np.eye(n, dtype=bool)
    temp = np.float32(0.1)
    cool = temp / (iterations + 1)
    dx = np.empty((n, n), dtype=np.float32)  # buffers reused every iteration: no n*n allocations
    dy = np.empty((n, n), dtype=np.float32)
    w = np.empty((n, n), dtype=np.float32)
    tmp = np.empty((n, n), dtype=np.float32)
    floor = k2 * np.float32(1e-4)
    g = np.float32(gravity)
    for _ in range(iterations):
        np.subtract(x[:, None], x[None, :], out=dx)
        np.subtract(y[:, None], y[None, :], out=dy)
        np.multiply(dx, dx, out=w)
        np.multiply(dy, dy, out=tmp)
        w += tmp
        np.maximum(w, floor, out=w)
        np.divide(k2, w, out=w)
        w[diag] = 0
        np.multiply(dx, w, out=tmp)
        ax = tmp.sum(axis=1) - g * (x - np.float32(0.5))
        np.multiply(dy, w, out=tmp)
        ay = tmp.sum(axis=1) - g * (y - np.float32(0.5))
        if len(src):
            ex = x[src] - x[dst]
            ey = y[src] - y[dst]
            dist = np.sqrt(ex * ex + ey * ey) / k
            fx, fy = ex * dist, ey * dist
            ax += np.bincount(dst, fx, n).astype(np.float32) - np.bincount(src, fx, n).astype(np.float32)
            ay += np.bincount(dst, fy, n).astype(np.float32) - np.bincount(src, fy, n).astype(np.float32)
        length = np.maximum(np.sqrt(ax * ax + ay * ay), np.float32(1e-9))
        step = np.minimum(length, temp) / length
        x += (ax * step).astype(np.float32)
        y += (ay * step).astype(np.float32)
        temp -= cool
    return x, y


def layout(node_ids: list[str], edges: list[tuple[str, str]], *, seed: int = 7, scale: float | None = None,
           max_force: int = 1200, iterations: int = 60) -> dict[str, tuple[float, float]]:
    """Positions ``{node_id: (x, y)}`` in pixels, the same for the same input."""
    ids = sorted(set(node_ids))
    if not ids:
        return {}
    idset = set(ids)
    adj: dict[str, set[str]] = defaultdict(set)
    for u, v in edges:
        if u != v and u in idset and v in idset:
            adj[u].add(v)
            adj[v].add(u)
    by_degree = sorted(ids, key=lambda n: (-len(adj[n]), n))
    skeleton = sorted(by_degree[:max_force])
    index = {n: i for i, n in enumerate(skeleton)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v]))
                    for u, v in edges if u in index and v in index and u != v})
    x, y = _force(len(skeleton), [p[0] for p in pairs], [p[1] for p in pairs], seed, iterations)
    scale = scale or 300.0 + 60.0 * math.sqrt(len(ids))
    pos = {n: ((float(x[i]) - 0.5) * scale, (float(y[i]) - 0.5) * scale) for n, i in index.items()}
    rest = by_degree[max_force:]
    spacing = scale / math.sqrt(len(ids)) / 2
    count: dict[str, int] = defaultdict(int)
    for _ in range(2):  # second pass places nodes whose neighbours were placed late
        for n in rest:
            if n in pos:
                continue
            placed = sorted(m for m in adj[n] if m in pos)
            if not placed:
                continue
            cx = sum(pos[m][0] for m in placed) / len(placed)
            cy = sum(pos[m][1] for m in placed) / len(placed)
            anchor = placed[0]
            count[anchor] += 1
            i = count[anchor]
            r, a = spacing * math.sqrt(i), i * GOLDEN_ANGLE
            pos[n] = (cx + r * math.cos(a), cy + r * math.sin(a))
    loose = [n for n in rest if n not in pos]  # isolated: a grid below the drawing
    cols = max(1, int(math.sqrt(len(loose))))
    for i, n in enumerate(loose):
        pos[n] = (-scale / 2 + (i % cols) * spacing * 2, scale / 2 + spacing * 2 * (1 + i // cols))
    return {n: (round(p[0], 1), round(p[1], 1)) for n, p in sorted(pos.items())}
