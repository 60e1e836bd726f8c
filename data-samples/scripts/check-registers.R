# Oracle check of the register-based samples with R 4.2.2 (base R and survival):
# prosecution-cases, youth-care-supervision and closed-youth-care-2016. Run from the repository root:
#   Rscript data-samples/scripts/check-registers.R > data-samples/scripts/check-registers.out.txt
suppressPackageStartupMessages(library(survival))
cat("R", as.character(getRversion()), "survival", as.character(packageVersion("survival")), "\n")
ok <- TRUE
verdict <- function(cond) { if (cond) "OK" else "MISMATCH" }

p <- read.csv("data-samples/prosecution-cases.csv", stringsAsFactors = FALSE)
cat("\nprosecution-cases\n")
per_year <- aggregate(cbind(suspects = 1, brought_to_court = brought_to_court) ~ year, data = p, FUN = sum)
per_year$share <- per_year$brought_to_court / per_year$suspects
print(per_year, row.names = FALSE)
mean_count <- mean(per_year$brought_to_court)
share <- sum(p$brought_to_court) / nrow(p)
cat(sprintf("mean brought to court per year %.1f (band 120-130): %s\n", mean_count,
            verdict(mean_count >= 120 && mean_count <= 130)))
cat(sprintf("pooled share of suspects %.4f; mean of yearly shares %.4f (band 70-75%%): %s\n", share,
            mean(per_year$share), verdict(share >= 0.70 && share <= 0.75)))
ok <- ok && mean_count >= 120 && mean_count <= 130 && share >= 0.70 && share <= 0.75
m <- mean(p$unsuspended_prison_months, na.rm = TRUE)
r <- round(m)
cat(sprintf("mean unsuspended prison sentence %.3f months over %d sentences -> %d year(s) and %d months: %s\n",
            m, sum(!is.na(p$unsuspended_prison_months)), r %/% 12, r %% 12, verdict(m >= 21.5 && m < 22.5)))
ok <- ok && m >= 21.5 && m < 22.5

s <- read.csv("data-samples/youth-care-supervision.csv", stringsAsFactors = FALSE)
cat("\nyouth-care-supervision\n")
fit <- survfit(Surv(months_to_support, support_started) ~ 1, data = s)
at6 <- summary(fit, times = 6)
cat(sprintf("children %d, support started %d; Kaplan-Meier S(6) = %.4f (95%% CI %.4f-%.4f) -> %d%%: %s\n",
            nrow(s), sum(s$support_started), at6$surv, at6$lower, at6$upper, round(100 * at6$surv),
            verdict(round(100 * at6$surv) == 15)))
ok <- ok && round(100 * at6$surv) == 15

c <- read.csv("data-samples/closed-youth-care-2016.csv", stringsAsFactors = FALSE)
cat("\nclosed-youth-care-2016\n")
q <- mean(c$reason_sexual_violence)
cat(sprintf("placements %d; at least partly because of sexual violence %.4f -> %d%%: %s\n", nrow(c), q,
            round(100 * q), verdict(round(100 * q) == 40)))
ok <- ok && round(100 * q) == 40
cat(if (ok) "\nALL FIGURES REPRODUCED\n" else "\nSOME FIGURES NOT REPRODUCED\n")
if (!ok) quit(status = 1)
