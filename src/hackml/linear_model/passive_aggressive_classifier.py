"""Passive-aggressive classifier (PA, PA-I, PA-II), one-vs-rest, for streams."""

from __future__ import annotations

from .._core.validation import check_choice, check_scalar
from ._online_classifier import OnlineLinearClassifier


class PassiveAggressiveClassifier(OnlineLinearClassifier):
    """Online passive-aggressive classification (Crammer et al., 2006).

    For each sample and each class ``k`` (target ``y = +1`` for that class, ``-1``
    otherwise) with hinge loss ``l = max(0, 1 - y (x . coef_k + b_k))``, the weights stay
    put when ``l = 0`` (passive) and otherwise move just enough towards the margin
    (aggressive): ``coef_k += tau y x``, ``b_k += tau y`` with

    - ``variant="pa"``: ``tau = l / ||x||^2`` (the margin is met exactly);
    - ``variant="pa1"``: ``tau = min(C, l / ||x||^2)``;
    - ``variant="pa2"``: ``tau = l / (||x||^2 + 1 / (2 C))``.

    Each step solves ``min ||coef' - coef||^2 / 2 + C-term`` subject to the new margin.
    ``objective_history_`` records the mean hinge loss seen during each epoch

        J = sum_i w_i * max(0, 1 - y_i (x_i . coef + b)) / sum_i w_i

    ``partial_fit`` learns a stream one batch at a time; with a constant ``C`` the model
    keeps adapting, so it tracks a drifting concept. With ``shuffle=False`` and
    ``tol=None``, ``variant="pa1"``/``"pa2"`` make exactly the updates of scikit-learn's
    (deprecated) ``PassiveAggressiveClassifier(loss="hinge"/"squared_hinge")``.

    Parameters
    ----------
    C : float, default=1.0
        Aggressiveness cap (PA-I) or slack weight (PA-II); unused by ``"pa"``.
    variant : {"pa", "pa1", "pa2"}, default="pa1"
    fit_intercept : bool, default=True
    max_iter : int, default=1000
        Most passes over the data in ``fit``.
    tol : float or None, default=1e-3
        Stop after ``n_iter_no_change`` epochs whose mean loss did not beat the best by
        ``tol``; ``None`` runs ``max_iter`` epochs (or until an epoch makes no update).
    n_iter_no_change : int, default=5
    shuffle : bool, default=True
    random_state : int, Generator or None, default=None
    verbose : bool, default=False

    Attributes
    ----------
    classes_ : ndarray of shape (K,)
    coef_ : ndarray of shape (1, n_features) or (K, n_features)
    intercept_ : ndarray of shape (1,) or (K,)
    objective_history_ : list of float
    n_iter_ : int
    converged_ : bool
    t_ : int

    Examples
    --------
    >>> from sklearn.preprocessing import StandardScaler
    >>> from hackml.datasets import load_digits
    >>> from hackml.linear_model import PassiveAggressiveClassifier
    >>> X, y = load_digits(return_X_y=True)
    >>> X = StandardScaler().fit_transform(X)
    >>> clf = PassiveAggressiveClassifier(C=0.01, random_state=0)
    >>> for start in range(0, 1500, 300):   # a stream of five batches
    ...     _ = clf.partial_fit(X[start:start + 300], y[start:start + 300], classes=range(10))
    >>> round(clf.score(X[1500:], y[1500:]), 2)   # accuracy on the 297 digits not seen
    0.85
    """

    def __init__(
        self,
        *,
        C=1.0,
        variant="pa1",
        fit_intercept=True,
        max_iter=1000,
        tol=1e-3,
        n_iter_no_change=5,
        shuffle=True,
        random_state=None,
        verbose=False,
    ):
        self.C = C
        self.variant = variant
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.shuffle = shuffle
        self.random_state = random_state
        self.verbose = verbose

    def _rule(self):
        check_scalar(self.C, "C", low=0, include_low=False)
        check_choice(self.variant, "variant", ["pa", "pa1", "pa2"])
        return {"rule": self.variant, "C": self.C, "eta0": 1.0}
