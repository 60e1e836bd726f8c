# Oracle for workbench prevalence with replicate weights (Prevalence.EstimateBy on a replicate SurveySample):
# R 4.2.2, survey 4.1-1 svyciprop on svrepdesign(combined.weights = TRUE), overall and by domain, for every method R
# gives an interval for there: logit, asin, beta, mean, xlogit ("likelihood" returns NA bounds on replicate designs,
# so Workbench refuses it with replicate weights).
# Uses the replicate files written by make-estimator-fixtures.R (run that first). Run from this folder:
#   Rscript make-replicate-prevalence-fixtures.R
# Writes estimators/prevalence-replicate-expected.csv: case, file, reptype, scale, rho, outcome, by, method, level,
# domain, n, estimate, se, lower, upper, df.
suppressMessages(library(survey))
rcsv <- function(name) read.csv(file.path("estimators", name), stringsAsFactors = FALSE)
cases <- rcsv("cases.csv")
scaleof <- function(file) cases$scale[cases$file == file & !is.na(cases$scale)][1]
specs <- list(
  list(case = "jk1", file = "apiclus1-jk1.csv", weight = "pw", reptype = "JK1", rho = NA, outcome = "sch_wide", by = "stype"),
  list(case = "boot", file = "apistrat-boot.csv", weight = "pw", reptype = "bootstrap", rho = NA, outcome = "sch_wide", by = "stype"),
  list(case = "brr", file = "nhanes-brr.csv", weight = "WTMEC2YR", reptype = "BRR", rho = NA, outcome = "HI_CHOL", by = "sex"),
  list(case = "fay", file = "nhanes-fay.csv", weight = "WTMEC2YR", reptype = "Fay", rho = 0.3, outcome = "HI_CHOL", by = "race"))
out <- list()
for (s in specs) {
  data <- rcsv(s$file)
  sc <- if (s$reptype %in% c("BRR", "Fay")) NA else scaleof(s$file)
  des <- suppressWarnings(svrepdesign(data = data, repweights = "^repw[0-9]+$", weights = as.formula(paste("~", s$weight)),
    type = s$reptype, rho = if (is.na(s$rho)) NULL else s$rho, scale = if (is.na(sc)) NULL else sc, combined.weights = TRUE))
  domains <- c("all", sort(unique(na.omit(data[[s$by]]))))
  for (level in c(0.95, 0.9)) for (m in c("logit", "asin", "beta", "mean", "xlogit")) {
    if (level == 0.9 && m != "logit") next
    for (dom in domains) {
      inside <- !is.na(data[[s$outcome]])
      if (dom != "all") inside <- inside & !is.na(data[[s$by]]) & as.character(data[[s$by]]) == dom
      sub <- subset(des, inside)
      ci <- svyciprop(as.formula(paste("~", s$outcome)), sub, method = m, level = level)
      out[[length(out) + 1]] <- data.frame(case = s$case, file = s$file, weight = s$weight, reptype = s$reptype,
        scale = sc, rho = s$rho, outcome = s$outcome, by = s$by, method = m, level = level, domain = dom,
        n = sum(inside), scale_exact = sprintf("%.17g", sc), estimate = sprintf("%.17g", as.numeric(ci)), se = sprintf("%.17g", sqrt(as.numeric(attr(ci, "var")))),
        lower = sprintf("%.17g", attr(ci, "ci")[1]), upper = sprintf("%.17g", attr(ci, "ci")[2]), df = degf(sub))
    }
  }
}
res <- do.call(rbind, out)
write.csv(res, file.path("estimators", "prevalence-replicate-expected.csv"), row.names = FALSE, na = "")
cat(nrow(res), "rows\n")
