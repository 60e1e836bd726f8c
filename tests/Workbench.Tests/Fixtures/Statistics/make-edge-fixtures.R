# Oracle for the survey edge cases of issue 11 (R 4.2.2, survey 4.1-1): the likelihood interval at large design
# effects and small df, a --by column with missing values, and lonely clusters per domain.
# Synthetic, seeded data; no real respondents.  Run from this folder:  Rscript make-edge-fixtures.R
# Writes
#   survey-edge.csv        strata S1-S5 where S3 and S4 have one cluster each (lonely); region is NA for some rows
#                          (write.csv's default), "east" lies only in S3 and S4, "south" in two clusters of S5 (df 1);
#                          a few outcomes are NA.
#   survey-likelihood.csv  one stratum per scenario, df + 1 clusters of 40 whose prevalences are spread apart on the
#                          logit scale: df 1, 2, 3, 5 and design effects from about 2 to 40.
#   survey-edge-expected.csv  expected values in the columns of survey-expected.csv, plus missing_by (rows with no
#                          domain, on the "all" row) and r_error (R's error message where it stops instead).
suppressPackageStartupMessages(library(survey))
stopifnot(packageVersion("survey") == "4.1.1")
set.seed(20261201)

nclus <- c(S1 = 6, S2 = 5, S3 = 1, S4 = 1, S5 = 4)
out <- list(); g <- 0
for (h in names(nclus)) for (k in seq_len(nclus[h])) {
  g <- g + 1
  m <- sample(30:50, 1)
  u <- rnorm(1, 0, 1.6)                       # a strong cluster effect: design effects of 3 to 12
  region <- sample(c("north", "west"), m, replace = TRUE, prob = c(0.6, 0.4))
  if (h %in% c("S3", "S4")) region[] <- "east"
  if (h == "S5" && k <= 2) region[1:25] <- "south"
  region[sample(m, 3)] <- NA
  w <- round(exp(rnorm(m, log(50), 0.3)), 2)
  y <- rbinom(m, 1, plogis(-1.2 + u))
  y[sample(m, 1)] <- NA
  out[[g]] <- data.frame(stratum = h, cluster = sprintf("K%02d", g), weight = w, region = region, y = y)
}
edge <- do.call(rbind, out)
write.csv(edge, "survey-edge.csv", row.names = FALSE)

scen <- expand.grid(df = c(1, 2, 3, 5), spread = c(0.8, 1.6, 3.2), KEEP.OUT.ATTRS = FALSE)
out <- list()
for (s in seq_len(nrow(scen))) {
  df <- scen$df[s]; spread <- scen$spread[s]
  name <- sprintf("df%d-spread%.1f", df, spread)
  z <- seq(-1, 1, length.out = df + 1)
  for (k in seq_len(df + 1)) {
    m <- 40
    p <- plogis(qlogis(0.35) + spread * z[k])
    y <- as.integer(seq_len(m) <= round(m * p))
    out[[length(out) + 1]] <- data.frame(stratum = sprintf("T%02d", s), cluster = sprintf("%s-%d", name, k),
                                         weight = round(exp(rnorm(m, log(30), 0.25)), 2), scenario = name, y = sample(y))
  }
}
lik <- do.call(rbind, out)
write.csv(lik, "survey-likelihood.csv", row.names = FALSE)

designs <- list(
  "edge-certainty" = list(data = edge, lonely = "certainty", by = c("none", "region")),
  "edge-adjust"    = list(data = edge, lonely = "adjust", by = c("none", "region")),
  "edge-average"   = list(data = edge, lonely = "average", by = c("none", "region")),
  "likelihood"     = list(data = lik, lonely = "fail", by = "scenario"))
methods <- c("logit", "likelihood", "asin", "beta", "mean", "xlogit")
num <- function(x) { x <- as.numeric(x); ifelse(is.na(x) | !is.finite(x), "NA", sprintf("%.17g", x)) }
clean <- function(s) gsub("[,\"\n]", " ", s)
rows <- list()
for (dn in names(designs)) {
  spec <- designs[[dn]]
  options(survey.lonely.psu = spec$lonely)
  levels <- if (dn == "likelihood") c(0.50, 0.90, 0.95, 0.99) else c(0.90, 0.95)
  des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = spec$data)
  yy <- spec$data$y
  for (by in spec$by) {
    bv <- if (by == "none") NULL else spec$data[[by]]
    doms <- if (by == "none") "all" else sort(unique(bv[!is.na(bv)]))
    if (by != "none") {
      # svyby drops rows whose grouping value is NA; they stay in the design. Cross-check against the subsets below.
      sb <- svyby(~y, as.formula(paste0("~", by)), subset(des, !is.na(y)), svymean, deff = "replace")
      stopifnot(!anyNA(sb[[by]]), setequal(sb[[by]], doms))
    }
    for (dom in doms) {
      inside <- if (by == "none") rep(TRUE, length(yy)) else bv %in% dom
      keep <- !is.na(yy) & inside
      dsub <- des[keep, ]
      m <- svymean(~y, dsub, deff = "replace")
      if (by != "none") {
        i <- match(dom, sb[[by]])
        stopifnot(isTRUE(all.equal(as.numeric(coef(m)), as.numeric(sb[i, "y"]), tolerance = 1e-12)))
        stopifnot(is.na(SE(m)) == is.na(SE(sb)[i]), is.na(SE(m)) || isTRUE(all.equal(as.numeric(SE(m)), as.numeric(SE(sb)[i]), tolerance = 1e-10)))
      }
      wts <- weights(dsub)
      for (meth in methods) for (lev in levels) {
        err <- ""
        ci <- tryCatch(suppressWarnings(svyciprop(~y, dsub, method = meth, level = lev)),
                       error = function(e) { err <<- clean(conditionMessage(e)); NULL })
        est <- if (is.null(ci)) NA else as.numeric(ci)
        lu <- if (is.null(ci)) c(NA, NA) else as.numeric(attr(ci, "ci"))
        rows[[length(rows) + 1]] <- data.frame(
          design = dn, outcome = "y", by = by, domain = dom, method = meth, level = sprintf("%.2f", lev),
          n = sum(keep), events = sum(yy[keep] == 1), excluded = sum(is.na(yy) & inside),
          sumw = num(sum(wts)), mean = num(coef(m)), se = num(SE(m)), df = degf(dsub),
          deff = num(deff(m)), kish = num(sum(wts)^2 / sum(wts^2)),
          estimate = num(est), lower = num(lu[1]), upper = num(lu[2]),
          missing_by = if (by != "none" && dom == doms[1]) sum(is.na(bv)) else 0, r_error = err)
      }
    }
  }
}
# Lonely clusters with "fail": R stops for every domain with respondents in S3 or S4 (and for the whole sample),
# naming the first such stratum; domains elsewhere are estimated.
options(survey.lonely.psu = "fail")
des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = edge)
for (dom in c("all", sort(unique(na.omit(edge$region))))) {
  s <- if (dom == "all") subset(des, !is.na(y)) else subset(des, !is.na(y) & region %in% dom)
  r <- tryCatch({ svymean(~y, s); "" }, error = function(e) clean(conditionMessage(e)))
  rows[[length(rows) + 1]] <- data.frame(
    design = "edge-fail", outcome = "y", by = if (dom == "all") "none" else "region", domain = dom, method = "mean",
    level = "0.95", n = 0, events = 0, excluded = 0, sumw = "0", mean = "NA", se = "NA", df = 0, deff = "NA",
    kish = "0", estimate = "NA", lower = "NA", upper = "NA", missing_by = 0, r_error = r)
}
options(survey.lonely.psu = "fail")
res <- do.call(rbind, rows)
write.csv(res, "survey-edge-expected.csv", row.names = FALSE, quote = FALSE)
cat(nrow(edge), "+", nrow(lik), "rows of data,", nrow(res), "expected rows;", sum(res$r_error != ""), "where R stops\n")
