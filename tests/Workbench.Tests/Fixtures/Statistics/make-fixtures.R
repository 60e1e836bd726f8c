# Oracle for Workbench.Statistics survey estimates.
# Generates synthetic survey data (seeded; no real respondents) and the expected results of R survey 4.1-1
# (R 4.2.2, Debian r-cran-survey): svymean (SE, deff = "replace"), degf, svyciprop for every method at levels 0.90
# and 0.95, on the full design with domains as subsets (never filtered data), and svyby as a cross-check.
# Run from this folder:  Rscript make-fixtures.R
# Writes survey.csv, survey-lonely.csv (data) and survey-expected.csv (expected values, 17 significant digits).
suppressPackageStartupMessages(library(survey))
stopifnot(packageVersion("survey") == "4.1.1")
set.seed(20261128)

make_data <- function() {
  out <- list(); g <- 0
  nclus <- c(5, 6, 7, 8, 5, 6)
  for (h in seq_along(nclus)) {
    for (k in seq_len(nclus[h])) {
      g <- g + 1
      m <- sample(15:45, 1)
      u <- rnorm(1, 0, 0.5)
      sex <- sample(c("girl", "boy"), m, replace = TRUE)
      age <- sample(c("12-13", "14-15", "16-17"), m, replace = TRUE, prob = c(.3, .35, .35))
      # A domain missing from one cluster: nobody aged 12-13 in the third cluster of stratum 2.
      if (h == 2 && k == 3) age[age == "12-13"] <- "14-15"
      # Small domains: "D" lies in two clusters of stratum 1 (df = 1), "E" in one cluster (df = 0, R gives NaN).
      group <- sample(c("A", "B", "C"), m, replace = TRUE)
      if (h == 1 && k <= 2) group[1:3] <- "D"
      if (h == 3 && k == 1) group[1:4] <- "E"
      w <- round(exp(rnorm(m, log(40 * h), 0.4)), 3)
      affected <- rbinom(m, 1, plogis(-1 + 0.6 * (sex == "girl") + 0.3 * (age == "16-17") + u))
      told <- ifelse(affected == 1, rbinom(m, 1, plogis(0.2 + u)), NA)
      rare <- rbinom(m, 1, 0.02 * exp(0.5 * u))
      out[[g]] <- data.frame(stratum = sprintf("S%d", h), cluster = sprintf("C%02d", g), psu_in_stratum = k,
                             weight = w, sex = sex, age = age, group = group, affected = affected, rare = rare, told_no_one = told)
    }
  }
  do.call(rbind, out)
}
d <- make_data()
write.csv(d, "survey.csv", row.names = FALSE, na = "", quote = FALSE)
# Lonely PSU data: stratum S6 keeps only its first cluster.
first6 <- d$cluster[d$stratum == "S6"][1]
dl <- d[!(d$stratum == "S6" & d$cluster != first6), ]
write.csv(dl, "survey-lonely.csv", row.names = FALSE, na = "", quote = FALSE)

designs <- list(
  "stratified-cluster" = list(data = d, make = function(x) svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = x), lonely = "fail"),
  "nested-cluster"     = list(data = d, make = function(x) svydesign(ids = ~psu_in_stratum, strata = ~stratum, weights = ~weight, nest = TRUE, data = x), lonely = "fail"),
  "cluster-only"       = list(data = d, make = function(x) svydesign(ids = ~cluster, weights = ~weight, data = x), lonely = "fail"),
  "strata-only"        = list(data = d, make = function(x) svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = x), lonely = "fail"),
  "weights-only"       = list(data = d, make = function(x) svydesign(ids = ~1, weights = ~weight, data = x), lonely = "fail"),
  "srs"                = list(data = d, make = function(x) suppressWarnings(svydesign(ids = ~1, data = x)), lonely = "fail"),
  "lonely-certainty"   = list(data = dl, make = function(x) svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = x), lonely = "certainty"),
  "lonely-adjust"      = list(data = dl, make = function(x) svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = x), lonely = "adjust"),
  "lonely-average"     = list(data = dl, make = function(x) svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = x), lonely = "average"))
outcomes <- c("affected", "rare", "told_no_one")
bys <- c("none", "sex", "age", "group")
methods <- c("logit", "likelihood", "asin", "beta", "mean", "xlogit")
levels <- c(0.90, 0.95)

num <- function(x) { x <- as.numeric(x); ifelse(is.na(x) | !is.finite(x), "NA", sprintf("%.17g", x)) }
rows <- list()
for (dn in names(designs)) {
  spec <- designs[[dn]]
  options(survey.lonely.psu = spec$lonely)
  des <- spec$make(spec$data)
  for (y in outcomes) {
    yy <- spec$data[[y]]
    for (by in bys) {
      doms <- if (by == "none") "all" else sort(unique(spec$data[[by]]))
      if (by != "none") {
        # Cross-check: svyby on the full design (rows with the outcome) equals the subset computation below.
        fy <- as.formula(paste0("~", y)); fb <- as.formula(paste0("~", by))
        sb <- svyby(fy, fb, subset(des, !is.na(get(y))), svymean, deff = "replace")
      }
      for (dom in doms) {
        keep <- !is.na(yy) & (if (by == "none") TRUE else spec$data[[by]] == dom)
        excluded <- sum(is.na(yy) & (if (by == "none") TRUE else spec$data[[by]] == dom))
        if (sum(keep) == 0) {
          # An empty domain (every outcome missing): R cannot estimate it; Workbench reports a flagged row.
          for (meth in methods) for (lev in levels)
            rows[[length(rows) + 1]] <- data.frame(
              design = dn, outcome = y, by = by, domain = dom, method = meth, level = sprintf("%.2f", lev),
              n = 0, events = 0, excluded = excluded, sumw = "0", mean = "NA", se = "NA", df = 0, deff = "NA",
              kish = "0", estimate = "NA", lower = "NA", upper = "NA")
          next
        }
        dsub <- des[keep, ]
        f <- as.formula(paste0("~", y))
        m <- svymean(f, dsub, deff = "replace")
        if (by != "none" && dom %in% sb[[by]]) {
          if (!isTRUE(all.equal(as.numeric(coef(m)), as.numeric(sb[dom, y]), tolerance = 1e-12))) stop(paste(dn, y, by, dom, coef(m), sb[dom, y]))
          if (!isTRUE(all.equal(as.numeric(SE(m)), as.numeric(SE(sb)[match(dom, sb[[by]])]), tolerance = 1e-10))) stop(paste(dn, y, by, dom, SE(m), SE(sb)[match(dom, sb[[by]])]))
        }
        wts <- weights(dsub)
        for (meth in methods) for (lev in levels) {
          ci <- tryCatch(suppressWarnings(svyciprop(f, dsub, method = meth, level = lev)), error = function(e) NULL)
          est <- if (is.null(ci)) NA else as.numeric(ci)
          lu <- if (is.null(ci)) c(NA, NA) else as.numeric(attr(ci, "ci"))
          rows[[length(rows) + 1]] <- data.frame(
            design = dn, outcome = y, by = by, domain = dom, method = meth, level = sprintf("%.2f", lev),
            n = sum(keep), events = sum(yy[keep] == 1), excluded = excluded,
            sumw = num(sum(wts)), mean = num(coef(m)), se = num(SE(m)), df = degf(dsub),
            deff = num(deff(m)), kish = num(sum(wts)^2 / sum(wts^2)),
            estimate = num(est), lower = num(lu[1]), upper = num(lu[2]))
        }
      }
    }
  }
}
options(survey.lonely.psu = "fail")
nm <- sapply(rows, function(r) paste(names(r), collapse = ",")); if (length(unique(nm)) > 1) { print(unique(nm)); print(rows[[which(nm != nm[1])[1]]]) }
res <- do.call(rbind, rows)
write.csv(res, "survey-expected.csv", row.names = FALSE, quote = FALSE)
cat(nrow(d), "rows,", nrow(res), "expected rows\n")
