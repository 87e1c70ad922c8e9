"""The perceptron: Rosenblatt's mistake-driven rule, one-vs-rest for many classes."""

from __future__ import annotations

from .._core.validation import check_scalar
from ._online_classifier import OnlineLinearClassifier


class Perceptron(OnlineLinearClassifier):
    """The classic perceptron, trained online, one-vs-rest for more than two classes.

    For each sample (in shuffled order, epoch after epoch) and each class ``k`` with
    target ``y = +1`` for that class and ``-1`` otherwise, a mistake
    ``y (x . coef_k + b_k) <= 0`` triggers ``coef_k += eta0 y x`` and ``b_k += eta0 y``.
    This is stochastic subgradient descent with step ``eta0`` on the perceptron loss

        J(coef, b) = sum_i w_i * max(0, -y_i (x_i . coef + b)) / sum_i w_i

    whose per-epoch mean (as seen while learning) is ``objective_history_``. It stops
    after an epoch with no mistake, after ``n_iter_no_change`` epochs without improving
    the loss by ``tol`` (skip this with ``tol=None``), or at ``max_iter`` epochs.

    With ``shuffle=False`` and ``tol=None`` it makes exactly the updates of
    scikit-learn's ``Perceptron()`` (which is the same rule run by its SGD code).

    Parameters
    ----------
    eta0 : float, default=1.0
        Step size of each update.
    fit_intercept : bool, default=True
    max_iter : int, default=1000
        Most passes over the data.
    tol : float or None, default=1e-3
    n_iter_no_change : int, default=5
    shuffle : bool, default=True
        Shuffle the samples before each pass (``fit`` and ``partial_fit``).
    random_state : int, Generator or None, default=None
    verbose : bool, default=False

    Attributes
    ----------
    classes_ : ndarray of shape (K,)
    coef_ : ndarray of shape (1, n_features) or (K, n_features)
    intercept_ : ndarray of shape (1,) or (K,)
    objective_history_ : list of float
        Mean perceptron loss seen during each epoch (or each ``partial_fit`` call).
    n_iter_ : int
    converged_ : bool
    t_ : int
        Samples processed (times epochs) since the first fit.

    Examples
    --------
    >>> from sklearn.preprocessing import StandardScaler
    >>> from hackml.datasets import load_breast_cancer
    >>> from hackml.linear_model import Perceptron
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> X = StandardScaler().fit_transform(X)
    >>> clf = Perceptron(random_state=0).fit(X, y)
    >>> bool(clf.score(X, y) > 0.97)
    True

    Learning a stream one batch at a time:

    >>> stream = Perceptron(random_state=0)
    >>> for start in range(0, len(y), 100):
    ...     _ = stream.partial_fit(X[start:start + 100], y[start:start + 100], classes=[0, 1])
    >>> bool(stream.score(X, y) > 0.9)
    True
    """

    def __init__(
        self,
        *,
        eta0=1.0,
        fit_intercept=True,
        max_iter=1000,
        tol=1e-3,
        n_iter_no_change=5,
        shuffle=True,
        random_state=None,
        verbose=False,
    ):
        self.eta0 = eta0
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.shuffle = shuffle
        self.random_state = random_state
        self.verbose = verbose

    def _rule(self):
        check_scalar(self.eta0, "eta0", low=0, include_low=False)
        return {"rule": "perceptron", "C": 1.0, "eta0": self.eta0}
