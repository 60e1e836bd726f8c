# Oracle for Workbench.Statistics.Quantiles: pnorm/qnorm, pt/qt and pbeta/qbeta over the range R 4.2.2 accepts,
# with probabilities from 1e-300 to 1 - 1e-15, integer and non-integer df from 0.1 to Inf, and beta shapes from 0.05
# to 1e6. Base R only.  Run from this folder:  Rscript make-distribution-fixtures.R   (writes distribution-expected.csv)
#
# What is taken from R as it stands: pnorm (Cody 1969), qnorm (Wichura 1988, AS 241), pbeta (TOMS 708, DiDonato &
# Morris 1992) and dt/dbeta (Loader 2000): accurate to a few ulps over this range.
# What is not, and how the expected values are made instead (each checked below):
# - pt above 4e5 df is a normal approximation (Abramowitz & Stegun 26.7.8; off by 2e-5 relative at 1e12 df), and
#   below it pt forms x = 1/(1 + t^2/n) and calls pbeta(x, n/2, 1/2), which loses ~1e-11 relative at 1e5 df because
#   x is near 1. Expected pt values therefore call pbeta on whichever of t^2/(n + t^2) and n/(n + t^2) is below 1/2
#   (the identity P(T < -t) = I_x(n/2, 1/2)/2 = (1 - I_y(1/2, n/2))/2), which keeps full relative precision;
#   R's own pt is used only where t^2/n > 1e100 and n <= 4e5 (its exact leading-term branch).
# - pbeta itself fails in one corner: a large and b small in the far lower tail (a = 3000, b = 7.5 at 1e-300 is off
#   by 2e-10; a = 800, b = 21.25 underflows to 0, and qbeta with it). Those shapes are left out; the shapes used were
#   cross-checked with mpmath (hypergeometric series at 60 digits) to 1e-13.
# - qt and qbeta return a starting approximation without refinement in some far tails (qt(1e-300, 3) is off by
#   7e-9 relative). Expected quantiles are R's value polished by Newton steps on the log-probability scale with the
#   accurate distribution functions above; the script stops unless the last Newton step, which bounds the relative
#   error of the root given the accuracy of the distribution function, is below 1e-13.
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

# P(T < -t) for t > 0 and its complement P(0 < T < t), both with full relative precision.
t_tail <- function(t, n) {
  if (!is.finite(n)) return(pnorm(-t))
  if (n <= 4e5 && (t / n) * t > 1e100) return(pt(-t, n))
  y <- t^2 / (n + t^2); x <- n / (n + t^2)
  if (x == 0) return(0)
  if (y < 0.5) pbeta(y, 0.5, n / 2, lower.tail = FALSE) / 2 else pbeta(x, n / 2, 0.5) / 2
}
t_centre <- function(t, n) {
  if (!is.finite(n)) return(pgamma(t^2 / 2, 0.5) / 2)   # Phi(t) - 1/2 without cancellation
  y <- t^2 / (n + t^2); x <- n / (n + t^2)
  if (y < 0.5) pbeta(y, 0.5, n / 2) / 2 else pbeta(x, n / 2, 0.5, lower.tail = FALSE) / 2
}
pt_acc <- function(t, n) if (t == 0) 0.5 else if (t < 0) t_tail(-t, n) else 0.5 + t_centre(t, n)

qt_acc <- function(p, n) {
  if (p == 0.5) return(0)                   # by symmetry (R's qt(0.5, 0.1) is 4.7e-16)
  q0 <- qt(p, n)
  if (!is.finite(q0)) return(q0)
  lo <- min(p, 1 - p)                       # exact: 1 - p has no rounding error for p >= 1/2
  central <- lo >= 0.25
  target <- if (central) log(0.5 - lo) else log(lo)
  u <- log(abs(q0))
  for (i in 1:100) {
    t <- exp(u)
    v <- if (central) t_centre(t, n) else t_tail(t, n)
    g <- log(v) - target
    gd <- exp(u + dt(t, n, log = TRUE) - log(v)) * (if (central) 1 else -1)
    step <- g / gd
    u <- u - step
    if (abs(step) < 1e-17 * max(1, abs(u))) break
  }
  if (abs(step) > 1e-13) stop(sprintf("qt(%g, %g): the polished root is uncertain by %g relative", p, n, step))
  t <- exp(u)
  sign(q0) * t
}

# I_x(a, b) (upper = FALSE) or 1 - I_x(a, b), passing pbeta the smaller of x and 1 - x (it forms the other as 1 - x).
beta_tail <- function(x, xc, a, b, upper) {
  if (x < 0.5) pbeta(x, a, b, lower.tail = !upper) else pbeta(xc, b, a, lower.tail = upper)
}

qbeta_acc <- function(p, a, b) {
  x0 <- qbeta(p, a, b)
  if (x0 == 0 || x0 == 1) return(x0)
  upper <- p > 0.5
  target <- if (upper) log1p(-p) else log(p)
  u <- qlogis(x0)
  for (i in 1:100) {
    x <- plogis(u); xc <- plogis(-u)
    v <- beta_tail(x, xc, a, b, upper)
    g <- log(v) - target
    gd <- exp(log(x) + log(xc) + dbeta(x, a, b, log = TRUE) - log(v)) * (if (upper) -1 else 1)
    step <- g / gd
    u <- u - step
    if (abs(step) < 1e-17 * max(1, abs(u))) break
  }
  if (abs(step) > 1e-13) stop(sprintf("qbeta(%g, %g, %g): the polished root is uncertain by %g relative", p, a, b, step))
  plogis(u)
}

probs <- c(1e-300, 1e-250, 1e-200, 1e-150, 1e-100, 1e-50, 1e-30, 1e-23, 1e-15, 1e-10, 1e-6, 1e-3, 0.01, 0.025, 0.05,
           0.1, 0.25, 0.4, 0.49, 0.5 - 1e-9, 0.5, 0.6, 0.75, 0.9, 0.975, 0.999, 1 - 1e-9, 1 - 1e-15)
rows <- list(); moved <- 0
add <- function(fun, a, b, x, value) rows[[length(rows) + 1]] <<- data.frame(fun = fun, a = num(a), b = num(b), x = num(x), value = num(value))

for (p in probs) { q <- qnorm(p); add("qnorm", NA, NA, p, q); add("pnorm", NA, NA, q, pnorm(q)) }
for (x in c(-37.5, -30, -8, -1e-5, 1e-300, 0.3, 8.3)) add("pnorm", NA, NA, x, pnorm(x))

dfs <- c(0.1, 0.5, 1, 1.5, 2, 2.5, 3, 4.7, 7, 10, 31.5, 100, 1000, 1e4, 1e5, 4e5, 4.5e5, 1e6, 1e8, 1e10, 1e14, Inf)
for (n in dfs) for (p in probs) {
  q <- qt_acc(p, n)
  if (is.finite(q) && q != 0 && is.finite(qt(p, n)) && abs(q / qt(p, n) - 1) > 1e-13) moved <- moved + 1
  add("qt", n, NA, p, q)
  if (is.finite(q)) add("pt", n, NA, q, pt_acc(q, n))
}
# Far beyond the quantiles: pt where t^2/n > 1e100 (the result is the leading term of the series).
for (n in c(0.1, 1, 2.5, 10)) for (t in c(-1e300, -1e200, -1e60)) add("pt", n, NA, t, pt_acc(t, n))

shapes <- list(c(0.1, 0.1), c(0.5, 0.5), c(0.5, 10), c(1, 1), c(1, 3), c(2.5, 0.7), c(5, 5), c(10, 200), c(0.3, 1e4),
               c(100, 100), c(1000, 0.5), c(5e4, 300), c(1e5, 1e5), c(2e5, 0.5), c(1e6, 1e6), c(300, 7.5), c(21.25, 2e4))
for (ab in shapes) for (p in probs) {
  x <- qbeta_acc(p, ab[1], ab[2])
  if (x > 0 && x < 1 && abs(x / qbeta(p, ab[1], ab[2]) - 1) > 1e-13) moved <- moved + 1
  add("qbeta", ab[1], ab[2], p, x)
  # pbeta with both shapes >= 1e5 below 1e-150 is good to only ~2e-12 in R (the product (a + b) x is rounded before
  # its deviance; an exact binomial tail sum at 50 digits gives R -1.9e-12 at a = b = 1e6, p = 1e-250): not a 1e-12 oracle.
  if (x > 0 && x < 1 && !(min(ab) >= 1e5 && p < 1e-150)) add("pbeta", ab[1], ab[2], x, pbeta(x, ab[1], ab[2]))
}
res <- do.call(rbind, rows)
write.csv(res, "distribution-expected.csv", row.names = FALSE, quote = FALSE)
cat(nrow(res), "rows;", moved, "quantiles where R's own qt/qbeta differ from the polished root by more than 1e-13\n")
