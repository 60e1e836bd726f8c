# Oracle for the Dutch design's model search (MaartenCruyff/mse model_search, its BIC stage) with base R only:
# step(m0, scope = list(lower = Freq ~ ., upper = Freq ~ .^2), k = log(n)) on the observed cells of the table of four
# registries by year and sex from data-samples/trafficking-registrations.csv (synthetic), with year (a) as a factor and
# (b) as orthogonal polynomials of degree 2 in the year's position (poly(as.numeric(year), 2), as model_search with
# degree_year = 2). For every model on the path: the step, residual df and deviance, AIC and BIC (R extractAIC: every
# estimated coefficient counted), N-hat (fitted counts of all cells summed, the unobserved ones included) and N-hat per
# year of the last model.
# Run: Rscript search-glm.R (R 4.2.2) -> search.csv (the table), search-glm.csv, search-years.csv next to this script.
options(digits = 15)
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
raw <- read.csv(file.path(here, "..", "..", "..", "..", "data-samples", "trafficking-registrations.csv"))
lists <- c("police", "kmar", "care_shelter", "other_reporters")
raw <- raw[rowSums(raw[, lists]) > 0, ]
x <- as.data.frame(table(raw[, c(lists, "year", "sex")]))
names(x)[ncol(x)] <- "Freq"
obs <- rowSums(sapply(lists, function(l) x[[l]] == "1")) > 0
write.csv(x[obs, ], file.path(here, "search.csv"), row.names = FALSE, quote = FALSE)
n <- sum(x$Freq)
out <- NULL; years <- NULL
for (variant in c("factor", "poly2")) {
  d <- x
  if (variant == "poly2") d$year <- poly(as.numeric(d$year), degree = 2, simple = TRUE)
  m0 <- glm(Freq ~ ., poisson, data = subset(d, obs), control = glm.control(epsilon = 1e-14, maxit = 100))
  mx <- glm(Freq ~ .^2, poisson, data = subset(d, obs), control = glm.control(epsilon = 1e-14, maxit = 100))
  m <- step(m0, scope = list(lower = formula(m0), upper = formula(mx)), k = log(n), trace = 0)
  f <- formula(m0)
  for (j in seq_len(nrow(m$anova))) {
    st <- as.character(m$anova$Step[j])
    if (j > 1) f <- update(f, paste("~ .", st))
    g <- glm(f, poisson, data = subset(d, obs), control = glm.control(epsilon = 1e-14, maxit = 100))
    fit <- predict(g, newdata = d, type = "response")
    out <- rbind(out, data.frame(variant = variant, step = st, df = df.residual(g), deviance = deviance(g),
                                 aic = extractAIC(g, k = 2)[2], bic = extractAIC(g, k = log(n))[2], estimate = sum(fit)))
  }
  yr <- tapply(fit, x$year, sum)
  years <- rbind(years, data.frame(variant = variant, year = names(yr), estimate = as.numeric(yr)))
}
write.csv(out, file.path(here, "search-glm.csv"), row.names = FALSE)
write.csv(years, file.path(here, "search-years.csv"), row.names = FALSE)
print(out); print(years)
