# Peer timing for the "mse" benchmark suite: fits every model listed in MODELS (one line per model: terms as
# list numbers joined by ':' and separated by ','; empty line = main effects) with base R glm(family = poisson)
# on the observable cells in COUNTS (columns x1..xk, y), and prints the elapsed seconds and the minimum-BIC model.
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
t0 <- proc.time()[["elapsed"]]
bic <- vapply(formulas, function(f) {
  g <- glm(f, family = poisson, data = d)
  -2 * as.numeric(logLik(g)) + g$rank * log(n)
}, 0)
elapsed <- proc.time()[["elapsed"]] - t0
cat(sprintf("elapsed %.3f\nbest %d\nversion %s\n", elapsed, which.min(bic), R.version.string))
