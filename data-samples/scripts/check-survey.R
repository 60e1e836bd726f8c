# Oracle check of data-samples/survey-sexual-violence.csv with R survey (R 4.2.2, survey 4.1-1).
# Run from the repository root:
#   Rscript data-samples/scripts/check-survey.R > data-samples/scripts/check-survey.out.txt
# Every weighted estimate must round (to a whole percent) to the factsheet's figure; the unweighted means are
# printed to show that the design weights are informative.
suppressPackageStartupMessages(library(survey))
d <- read.csv("data-samples/survey-sexual-violence.csv", stringsAsFactors = FALSE)
cat("R", as.character(getRversion()), "survey", as.character(packageVersion("survey")), "\n")
cat("respondents:", nrow(d), " strata:", length(unique(d$stratum)), " clusters:", length(unique(d$cluster)), "\n")
des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)

show <- function(label, est, se, target, unweighted) {
  ok <- round(100 * est) == round(100 * target)
  cat(sprintf("%-28s weighted %.4f (SE %.4f)  unweighted %.4f  printed %d%%  target %d%%  %s\n",
              label, est, se, unweighted, round(100 * est), round(100 * target), if (ok) "OK" else "MISMATCH"))
  ok
}
ok <- TRUE
by_sex <- svyby(~physical_sv, ~sex, des, svymean)
unw <- tapply(d$physical_sv, d$sex, mean)
ok <- show("physical_sv girls", by_sex["F", "physical_sv"], by_sex["F", "se"], 0.48, unw["F"]) && ok
ok <- show("physical_sv boys", by_sex["M", "physical_sv"], by_sex["M", "se"], 0.17, unw["M"]) && ok
all <- svymean(~physical_sv, des)
p <- coef(all)[1]
cat(sprintf("%-28s weighted %.4f (SE %.4f)  unweighted %.4f  1/p = %.3f  printed one in %d\n",
            "physical_sv all", p, SE(all)[1], mean(d$physical_sv), 1 / p, round(1 / p)))
ok <- (round(1 / p) == 3) && ok

aff <- subset(des, physical_sv == 1)
da <- d[d$physical_sv == 1, ]
told <- svyby(~told_no_one, ~sex, aff, svymean)
unw <- tapply(da$told_no_one, da$sex, mean)
ok <- show("told_no_one girls", told["F", "told_no_one"], told["F", "se"], 0.25, unw["F"]) && ok
ok <- show("told_no_one boys", told["M", "told_no_one"], told["M", "se"], 0.36, unw["M"]) && ok
k <- svymean(~offender_known, aff)
ok <- show("offender_known", coef(k)[1], SE(k)[1], 0.77, mean(da$offender_known)) && ok
pe <- svymean(~offender_peer, aff)
ok <- show("offender_peer", coef(pe)[1], SE(pe)[1], 0.46, mean(da$offender_peer)) && ok

ci <- svyciprop(~I(physical_sv == 1), subset(des, sex == "F"), method = "beta")
cat(sprintf("Korn-Graubard 95%% CI girls: %.4f - %.4f\n", attr(ci, "ci")[1], attr(ci, "ci")[2]))
cat(if (ok) "ALL FIGURES REPRODUCED\n" else "SOME FIGURES NOT REPRODUCED\n")
if (!ok) quit(status = 1)
