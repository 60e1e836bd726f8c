# Oracle for Workbench.Estimation: every hierarchical log-linear model on the Kosovo 1999 lists (up to order 3)
# fitted with base R glm(family = poisson) on the 15 observable cells; N-hat = observed + exp(intercept).
# Also a sparse table where lists 1 and 4 never overlap: terms containing {1,4} are fixed at minus infinity,
# i.e. their cells are removed and the term's column left out (the SparseMSE convention); the penalty still counts it.
# Run: Rscript kosovo-glm.R   (R 4.2.2; writes kosovo-glm.csv and sparse-glm.csv next to this script)
options(digits = 15)
lists <- c("EXH", "ABA", "OSCE", "HRW")
pat <- c("1000","0100","0010","0001","1100","1010","1001","0110","0101","0011","1110","1101","1011","0111","1111")
cnt <- c(1131, 845, 936, 306, 177, 228, 106, 217, 31, 123, 181, 18, 42, 32, 27)

cells <- function(k) {
  m <- as.matrix(expand.grid(rep(list(0:1), k)))
  m[rowSums(m) > 0, , drop = FALSE]
}
subsets <- function(k, maxorder) {
  out <- list()
  for (r in 2:maxorder) out <- c(out, combn(k, r, simplify = FALSE))
  out
}
# Hierarchical models: families of subsets closed under taking subsets (visited by increasing size).
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
  paste0("[", paste(sort(parts), collapse = ","), "]")
}
fit_model <- function(k, y, terms, drop_terms = list()) {
  x <- cells(k)
  keep <- rep(TRUE, nrow(x))
  for (d in drop_terms) keep <- keep & !(apply(x[, d, drop = FALSE], 1, all))
  df <- data.frame(x[keep, , drop = FALSE]); names(df) <- paste0("x", 1:k)
  df$y <- y[keep]
  rhs <- paste0("x", 1:k)
  for (t in terms) if (!any(sapply(drop_terms, function(d) all(d %in% t))))
    rhs <- c(rhs, paste0("x", t, collapse = ":"))
  g <- glm(as.formula(paste("y ~", paste(rhs, collapse = " + "))), family = poisson, data = df,
           control = glm.control(epsilon = 1e-14, maxit = 100))
  b0 <- unname(coef(g)[1]); se <- sqrt(vcov(g)[1, 1]); n <- sum(y)
  z <- qnorm(0.975)
  # The AIC/BIC penalty counts every term of the hierarchical model (intercept, main effects, every interaction),
  # also those fixed at minus infinity, as R MultipleSystemsEstimation's fit_hier_model does; df counts the rank.
  npar <- 1 + k + length(terms); ll <- as.numeric(logLik(g))
  c(estimate = n + exp(b0), deviance = deviance(g), df = df.residual(g), npar = npar,
    aic = 2 * npar - 2 * ll, bic = -2 * ll + npar * log(n),
    lower = n + exp(b0 - z * se), upper = n + exp(b0 + z * se))
}
order_cells <- function(k, patterns, counts) {
  x <- cells(k)
  key <- apply(x, 1, paste, collapse = "")
  counts[match(key, patterns)]
}

here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
y <- order_cells(4, pat, cnt)
models <- enumerate(4, 3)
rows <- lapply(models, function(m) c(model = notation(4, m), fit_model(4, y, m)))
out <- as.data.frame(do.call(rbind, rows), stringsAsFactors = FALSE)
write.csv(out, file.path(here, "kosovo-glm.csv"), row.names = FALSE, quote = TRUE)
best <- out[which.min(as.numeric(out$bic)), ]
cat("models:", nrow(out), " min BIC:", best$model, best$estimate, "\n")

# Sparse table: EXH and HRW never overlap (every Kosovo cell with both lists set to 0).
ys <- y; xs <- cells(4); ys[xs[, 1] == 1 & xs[, 4] == 1] <- 0
sparse_models <- list("[12,14,3]" = list(c(1, 2), c(1, 4)),
                      "[12,13,14,23,34]" = list(c(1, 2), c(1, 3), c(1, 4), c(2, 3), c(3, 4)),
                      "[123,34]" = list(c(1, 2), c(1, 3), c(2, 3), c(1, 2, 3), c(3, 4)))
# A term is fixed at minus infinity only when the model contains it (and its sufficient statistic is 0).
srows <- lapply(names(sparse_models), function(nm) {
  terms <- sparse_models[[nm]]
  drop <- Filter(function(t) sum(ys[apply(xs[, t, drop = FALSE], 1, all)]) == 0, terms)
  c(model = nm, fit_model(4, ys, terms, drop_terms = drop))
})
sout <- as.data.frame(do.call(rbind, srows), stringsAsFactors = FALSE)
write.csv(sout, file.path(here, "sparse-glm.csv"), row.names = FALSE, quote = TRUE)
print(sout)

# Profile likelihood interval for N-hat under [123,14,34]: the intercept (log dark figure) is fixed by an offset,
# the other parameters refitted; bounds where the deviance rises by qchisq(0.95, 1).
x4 <- data.frame(cells(4)); names(x4) <- paste0("x", 1:4); x4$y <- y
f_best <- y ~ x1 + x2 + x3 + x4 + x1:x2 + x1:x3 + x2:x3 + x1:x2:x3 + x1:x4 + x3:x4
g_best <- glm(f_best, family = poisson, data = x4, control = glm.control(epsilon = 1e-14, maxit = 100))
dev_at <- function(b) {
  x4$off <- rep(b, nrow(x4))
  deviance(glm(update(f_best, . ~ . - 1 + offset(off)), family = poisson, data = x4,
               control = glm.control(epsilon = 1e-14, maxit = 100)))
}
b0 <- unname(coef(g_best)[1]); cut <- qchisq(0.95, 1)
h <- function(b) dev_at(b) - deviance(g_best) - cut
lo <- uniroot(h, c(b0 - 2, b0), tol = 1e-12)$root
hi <- uniroot(h, c(b0, b0 + 2), tol = 1e-12)$root
prof <- data.frame(model = "[123,14,34]", lower = sum(y) + exp(lo), upper = sum(y) + exp(hi))
write.csv(prof, file.path(here, "kosovo-profile.csv"), row.names = FALSE)
print(prof)

# Poisson tail probabilities used by stepwise selection: min(P(X <= n), P(X >= n)), X ~ Poisson(lambda).
pv <- expand.grid(n = c(0, 1, 5, 27, 177, 1131), lambda = c(0.3, 4.5, 35.2, 150, 1140.1))
pv$p <- pmin(ppois(pv$n, pv$lambda), ppois(pv$n - 1, pv$lambda, lower.tail = FALSE))
write.csv(pv, file.path(here, "poisson-pvalues.csv"), row.names = FALSE)
