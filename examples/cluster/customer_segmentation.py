"""Customer segmentation of credit-card holders with k-means, k-medians and a dendrogram.

Data: statsmodels' ``ccard`` data set (shipped inside the statsmodels wheel; Greene,
Econometric Analysis): 72 credit-card holders with their average monthly card
expenditure (AVGEXP, dollars), AGE (years), INCOME (10,000 dollars a year) and whether
they own their home (OWNRENT). It is small, but it is real customer data.

Run: ``.venv/bin/python examples/cluster/customer_segmentation.py [--plot out.png]``
"""

from __future__ import annotations

import sys

import numpy as np

from hackml.cluster import AgglomerativeClustering, KMeans, choose_k, plot_choose_k

FEATURES = ["AVGEXP", "AGE", "INCOME", "OWNRENT"]


def load():
    import statsmodels.api as sm

    frame = sm.datasets.ccard.load_pandas().data
    return frame[FEATURES].to_numpy(dtype=float)


def segment(X, k=None, center="mean"):
    """Standardise, choose k by the silhouette (unless given), cluster; centres in units."""
    mu, sd = X.mean(0), X.std(0)
    Z = (X - mu) / sd
    choice = choose_k(Z, range(2, 8), method="silhouette", n_init=10)
    k = k or choice.best_k
    model = KMeans(n_clusters=k, center=center, n_init=10, random_state=0).fit(Z)
    centres = model.cluster_centers_ * sd + mu
    return model, centres, choice


def describe(model, centres):
    lines = [f"{'segment':>8} {'size':>5} " + " ".join(f"{f:>8}" for f in FEATURES)]
    sizes = np.bincount(model.labels_, minlength=len(centres))
    for j in np.argsort(-centres[:, 0]):  # biggest spenders first
        lines.append(f"{j:>8} {sizes[j]:>5} " + " ".join(f"{v:>8.2f}" for v in centres[j]))
    return "\n".join(lines)


def main(argv):
    X = load()
    model, centres, choice = segment(X)
    print("silhouette by k:", {k: round(s, 3) for k, s in zip(choice.k_values, choice.scores)})
    print(f"k-means (mean centre), k={len(centres)}; centres in original units:")
    print(describe(model, centres))
    medians, med_centres, _ = segment(X, k=len(centres), center="median")
    print("\nk-medians (robust to the few very large spenders):")
    print(describe(medians, med_centres))
    ward = AgglomerativeClustering(n_clusters=len(centres)).fit((X - X.mean(0)) / X.std(0))
    print(f"\nWard tree cut at k={len(centres)}: sizes {np.bincount(ward.labels_).tolist()}")
    if "--plot" in argv:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
        plot_choose_k(choice, ax=axes[0])
        ward.plot_dendrogram(ax=axes[1])
        fig.tight_layout()
        fig.savefig(argv[argv.index("--plot") + 1])


if __name__ == "__main__":
    main(sys.argv[1:])
