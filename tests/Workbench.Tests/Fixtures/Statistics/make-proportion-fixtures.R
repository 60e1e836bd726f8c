# Oracle for Workbench.Statistics.Proportion (simple proportions x of n), R 4.2.2 base stats only.
# Wilson and Wilson with continuity correction: prop.test(correct = FALSE / TRUE)$conf.int;
# Clopper-Pearson: binom.test()$conf.int; Jeffreys: qbeta(Beta(x + 1/2, n - x + 1/2)) with lower 0 at x = 0 and
# upper 1 at x = n (Brown, Cai & DasGupta 2001); Wald, Agresti-Coull and logit: their textbook formulas
# (Brown, Cai & DasGupta 2001), Wald and Agresti-Coull truncated to [0, 1], logit replaced by Clopper-Pearson at
# x = 0 and x = n where it is undefined (the Workbench conventions).
# Run from this folder:  Rscript make-proportion-fixtures.R   (writes proportion-expected.csv, 17 significant digits)
num <- function(x) sprintf("%.17g", x)
grid <- list()
for (n in c(1, 2, 5, 10, 30, 100, 1000)) {
  for (x in sort(unique(c(0, 1, floor(n / 3), n - 1, n)))) {
    if (x < 0 || x > n) next
    for (level in c(0.90, 0.95, 0.99)) {
      a <- 1 - level; z <- qnorm(1 - a / 2); p <- x / n
      cp <- binom.test(x, n, conf.level = level)$conf.int
      # prop.test shrinks the continuity correction to |x - n p0|; choose p0 so that it stays 1/2.
      p0 <- if (x >= 1) 1e-6 else 1 - 1e-6
      wi <- suppressWarnings(prop.test(x, n, p = p0, conf.level = level, correct = FALSE)$conf.int)
      wc <- suppressWarnings(prop.test(x, n, p = p0, conf.level = level, correct = TRUE)$conf.int)
      wald <- pmin(pmax(p + c(-1, 1) * z * sqrt(p * (1 - p) / n), 0), 1)
      nt <- n + z^2; pt <- (x + z^2 / 2) / nt
      ac <- pmin(pmax(pt + c(-1, 1) * z * sqrt(pt * (1 - pt) / nt), 0), 1)
      je <- c(if (x == 0) 0 else qbeta(a / 2, x + 0.5, n - x + 0.5), if (x == n) 1 else qbeta(1 - a / 2, x + 0.5, n - x + 0.5))
      lg <- if (x == 0 || x == n) cp else plogis(qlogis(p) + c(-1, 1) * z / sqrt(n * p * (1 - p)))
      add <- function(m, ci) grid[[length(grid) + 1]] <<- data.frame(method = m, x = x, n = n, level = sprintf("%.2f", level),
                                                                    lower = num(ci[1]), upper = num(ci[2]))
      add("wald", wald); add("wilson", wi); add("wilson-cc", wc); add("agresti-coull", ac)
      add("clopper-pearson", cp); add("jeffreys", je); add("logit", lg)
    }
  }
}
res <- do.call(rbind, grid)
write.csv(res, "proportion-expected.csv", row.names = FALSE, quote = FALSE)
cat(nrow(res), "rows\n")

# Distribution quantiles Workbench computes itself (MathNet's are not accurate enough): qt, qbeta, writes
# quantile-expected.csv.
q <- list()
for (df in c(1, 2, 3, 5, 9, 30, 399, 1e6)) for (p in c(1e-5, 0.0125, 0.025, 0.05, 0.3, 0.975))
  q[[length(q) + 1]] <- data.frame(dist = "t", a = num(df), b = "NA", p = num(p), q = num(qt(p, df)))
for (ab in list(c(0.5, 10.5), c(3.7, 200.2), c(20, 1), c(1, 1e5), c(123.4, 5000.1), c(0.02, 40.3), c(6.5, 0.5), c(1e-3, 2)))
  for (p in c(0.005, 0.025, 0.05, 0.95, 0.975))
    q[[length(q) + 1]] <- data.frame(dist = "beta", a = num(ab[1]), b = num(ab[2]), p = num(p), q = num(qbeta(p, ab[1], ab[2])))
write.csv(do.call(rbind, q), "quantile-expected.csv", row.names = FALSE, quote = FALSE)
