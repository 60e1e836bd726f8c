# Oracle for the AIC/BIC penalty on sparse tables (issue 11): two seeded five-list tables in which some pairs of lists
# never overlap. Every hierarchical model up to order 3 (6,212) is fitted with base R glm(family = poisson) on the kept
# cells: a term whose sufficient statistic is 0 (nobody on all its lists) is fixed at minus infinity, its cells leave
# the fit and its column is left out. The penalty then counts, as R MultipleSystemsEstimation's fit_hier_model does
# (npars = length(parvec)), every term of the hierarchical model: intercept, main effects and every interaction,
# including those fixed at minus infinity. BIC = npars log(observed) - 2 loglik, AIC = 2 npars - 2 loglik.
# Models whose design is rank deficient after the removal have no estimate (R: rank < columns) and are written as NA,
# as are models whose maximum likelihood estimate does not exist (the reference checks this with lpSolve, which is not
# installed here; this script detects it independently: the Poisson fit run to convergence drives some kept empty
# cell's fitted value to 0, below 1e-6, as the extended MLE on the boundary requires).
# Run: Rscript sparse5-glm.R (R 4.2.2) -> sparse5-tables.csv, sparse5-glm.csv next to this script.
options(digits = 15)
k <- 5
x <- as.matrix(expand.grid(rep(list(0:1), k)))
x <- x[rowSums(x) > 0, , drop = FALSE]
pattern <- apply(x, 1, paste, collapse = "")

# Counts: Poisson draws around a log-linear model (seeded), then every cell holding a never-overlapping pair set to 0.
# Other cells are at least 1, so the only zero cells are those of the never-overlapping pairs.
draw <- function(seed, n, main, pairs, empty) {
  set.seed(seed)
  eta <- log(n) + x %*% main
  for (p in pairs) eta <- eta + p$value * x[, p$lists[1]] * x[, p$lists[2]]
  y <- pmax(1, rpois(nrow(x), exp(eta)))
  for (e in empty) y[x[, e[1]] == 1 & x[, e[2]] == 1] <- 0
  y
}
tables <- list(
  # 1&2 would overlap in a handful of people at most (free under the old count, dearer than its gain under the new);
  # 3&5 would overlap in dozens, so both counts include that pair.
  A = draw(11, 3000, c(-3.0, -5.0, -1.0, -1.6, -1.3), list(list(lists = c(1, 3), value = 0.7), list(lists = c(2, 4), value = 0.5)),
           list(c(1, 2), c(3, 5))),
  # Three never-overlapping pairs: 1&4, 2&5 and 4&5.
  B = draw(12, 3000, c(-1.0, -1.5, -1.1, -4.5, -2.6), list(list(lists = c(1, 2), value = 0.6), list(lists = c(1, 3), value = -0.4),
           list(lists = c(2, 3), value = 0.5)), list(c(1, 4), c(2, 5), c(4, 5))))

subsets <- function(k, maxorder) {
  out <- list()
  for (r in 2:maxorder) out <- c(out, combn(k, r, simplify = FALSE))
  out
}
enumerate <- function(k, maxorder) {
  cand <- subsets(k, maxorder)
  res <- list()
  rec <- function(i, chosen) {
    if (i > length(cand)) { res[[length(res) + 1]] <<- chosen; return(invisible()) }
    rec(i + 1, chosen)
    s <- cand[[i]]
    ok <- length(s) == 2 || all(sapply(seq_along(s), function(j) {
      sub <- s[-j]; any(sapply(chosen, function(c) identical(c, sub)))
    }))
    if (ok) rec(i + 1, c(chosen, list(s)))
  }
  rec(1, list())
  res
}
notation <- function(k, terms) {
  gens <- Filter(function(t) !any(vapply(terms, function(u) length(u) > length(t) && all(t %in% u), TRUE)), terms)
  single <- setdiff(1:k, unlist(terms))
  parts <- c(vapply(gens, paste, "", collapse = ""), as.character(single))
  paste0("[", paste(sort(parts, method = "radix"), collapse = ","), "]")
}
covers <- function(t) apply(x[, t, drop = FALSE], 1, all)
fit_model <- function(y, terms) {
  n <- sum(y)
  zero <- Filter(function(t) sum(y[covers(t)]) == 0, terms)
  keep <- rep(TRUE, nrow(x))
  for (t in zero) keep <- keep & !covers(t)
  est <- Filter(function(t) !any(vapply(zero, function(z) identical(z, t), TRUE)), terms)
  X <- cbind(1, x[keep, , drop = FALSE])
  for (t in est) X <- cbind(X, as.numeric(covers(t)[keep]))
  npars <- 1 + k + length(terms)
  g <- suppressWarnings(glm.fit(X, y[keep], family = poisson(), control = glm.control(epsilon = 1e-14, maxit = 100)))
  na <- function(status) c(status = status, npars = npars, rank = g$rank, fixed = length(zero), loglik = NA, bic = NA, aic = NA,
                           bic_estimated = NA, estimate = NA)
  if (g$rank < ncol(X)) return(na(2))
  mu <- g$fitted.values; yk <- y[keep]
  if (any(yk == 0 & mu < 1e-6)) return(na(1))
  ll <- sum(yk * log(mu) - mu - lfactorial(yk))
  c(status = 0, npars = npars, rank = g$rank, fixed = length(zero), loglik = ll, bic = npars * log(n) - 2 * ll, aic = 2 * npars - 2 * ll,
    bic_estimated = g$rank * log(n) - 2 * ll, estimate = n + exp(unname(g$coefficients[1])))
}

here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
models <- enumerate(k, 3)
names <- vapply(models, function(m) notation(k, m), "")
out <- NULL
for (tb in names(tables)) {
  y <- tables[[tb]]
  res <- t(vapply(models, function(m) fit_model(y, m), numeric(9)))
  d <- data.frame(table = tb, model = names, res, stringsAsFactors = FALSE)
  best <- d[which.min(d$bic), ]; old <- d[which.min(d$bic_estimated), ]
  cat(tb, ": observed", sum(y), " models", nrow(d), " rank deficient", sum(d$status == 2), " MLE does not exist", sum(d$status == 1),
      "\n  min BIC (all terms):", best$model, best$estimate, "\n  min BIC (estimated only):", old$model, old$estimate, "\n")
  out <- rbind(out, d)
}
write.csv(data.frame(table = rep(names(tables), each = nrow(x)), pattern = rep(pattern, length(tables)), count = unlist(tables)),
          file.path(here, "sparse5-tables.csv"), row.names = FALSE)
write.csv(out, file.path(here, "sparse5-glm.csv"), row.names = FALSE)
