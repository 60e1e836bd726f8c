# Expected Kaplan-Meier values for tests/Workbench.Tests/Statistics/KaplanMeierTests.cs.
# Run: Rscript kaplan-meier.R   (R 4.2.2, survival 3.5-3). Writes kaplan-meier-data.csv and kaplan-meier-expected.csv.
library(survival)
set.seed(20201)
n <- 300
t_event <- round(rexp(n, rate = 0.25), 1)          # ties on purpose
t_cens <- round(runif(n, 0.5, 24), 1)
time <- pmin(t_event, t_cens)
status <- as.integer(t_event <= t_cens)
write.csv(data.frame(time = time, status = status), "kaplan-meier-data.csv", row.names = FALSE)
fit <- survfit(Surv(time, status) ~ 1, conf.type = "log")
rows <- list()
for (level in c(0.90, 0.95)) {
  f <- survfit(Surv(time, status) ~ 1, conf.type = "log", conf.int = level)
  s <- summary(f, times = c(1, 3, 6, 12), extend = TRUE)
  rows[[length(rows) + 1]] <- data.frame(level = level, at = s$time, surv = s$surv, se = s$std.err,
                                         lower = s$lower, upper = s$upper)
}
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), "kaplan-meier-expected.csv", row.names = FALSE, quote = FALSE)
print(out)
