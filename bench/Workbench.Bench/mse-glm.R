# Peer timing for the "mse" benchmark suite: fits every model listed in MODELS (one line per model: terms as
# list numbers joined by ':' and separated by ','; empty line = main effects) with base R glm(family = poisson)
# on the observable cells in COUNTS (columns x1..xk, y), and prints the elapsed and CPU seconds and the minimum-BIC model.
# BIC counts every term of the hierarchical model, the intercept included (R MultipleSystemsEstimation fit_hier_model).
# Usage: Rscript mse-glm.R COUNTS MODELS
args <- commandArgs(TRUE)
d <- read.csv(args[1])
lines <- readLines(args[2])
k <- sum(grepl("^x", names(d)))
n <- sum(d$y)
main <- paste0("x", 1:k, collapse = " + ")
formulas <- lapply(lines, function(l) {
  terms <- if (nchar(l) == 0) character(0) else strsplit(l, ",")[[1]]
  rhs <- c(main, vapply(terms, function(t) paste0("x", strsplit(t, ":")[[1]], collapse = ":"), ""))
  as.formula(paste("y ~", paste(rhs, collapse = " + ")))
})
npars <- vapply(lines, function(l) 1 + k + if (nchar(l) == 0) 0 else length(strsplit(l, ",")[[1]]), 0)
t0 <- proc.time()
bic <- vapply(seq_along(formulas), function(i) {
  g <- glm(formulas[[i]], family = poisson, data = d)
  -2 * as.numeric(logLik(g)) + npars[[i]] * log(n)
}, 0)
t1 <- proc.time()
cat(sprintf("elapsed %.3f\nbest %d\nversion %s\ncpu %.3f\n", t1[["elapsed"]] - t0[["elapsed"]], which.min(bic), R.version.string,
            (t1[["user.self"]] + t1[["sys.self"]]) - (t0[["user.self"]] + t0[["sys.self"]])))
