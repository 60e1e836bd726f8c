# Oracle for covariate models (the Dutch design): three lists, covariate year (2019, 2020) as a factor, model
# [12,3,1:year] = y ~ x1 + x2 + x3 + year + x1:x2 + x1:year, fitted with base R glm(family = poisson).
# Dark figure per year = exp(intercept [+ year effect]); Wald 95% on the log of each dark figure and of their sum
# (delta method with vcov). Run: Rscript covariate-glm.R (R 4.2.2) -> covariate-glm.csv
options(digits = 15)
d <- expand.grid(x1 = 0:1, x2 = 0:1, x3 = 0:1, year = c("2019", "2020"), stringsAsFactors = TRUE)
d <- d[d$x1 + d$x2 + d$x3 > 0, ]
key <- paste0(d$x1, d$x2, d$x3, "-", d$year)
counts <- c("100-2019" = 120, "010-2019" = 95, "001-2019" = 80, "110-2019" = 30, "101-2019" = 22, "011-2019" = 18, "111-2019" = 7,
            "100-2020" = 150, "010-2020" = 70, "001-2020" = 110, "110-2020" = 25, "101-2020" = 35, "011-2020" = 12, "111-2020" = 5)
d$y <- unname(counts[key])
g <- glm(y ~ x1 + x2 + x3 + year + x1:x2 + x1:year, family = poisson, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
b <- coef(g); V <- vcov(g)
z <- qnorm(0.975)
res <- data.frame()
obs <- tapply(d$y, d$year, sum)
for (lv in c("2019", "2020", "total")) {
  grad <- setNames(rep(0, length(b)), names(b)); dark <- 0
  for (yr in if (lv == "total") c("2019", "2020") else lv) {
    eta <- b[["(Intercept)"]] + if (yr == "2020") b[["year2020"]] else 0
    dk <- exp(eta); dark <- dark + dk
    grad[["(Intercept)"]] <- grad[["(Intercept)"]] + dk
    if (yr == "2020") grad[["year2020"]] <- grad[["year2020"]] + dk
  }
  se <- sqrt(drop(t(grad) %*% V %*% grad)) / dark
  o <- if (lv == "total") sum(obs) else obs[[lv]]
  res <- rbind(res, data.frame(level = lv, observed = o, estimate = o + dark, lower = o + dark * exp(-z * se),
                               upper = o + dark * exp(z * se), deviance = deviance(g), df = df.residual(g)))
}
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
write.csv(res, file.path(here, "covariate-glm.csv"), row.names = FALSE)
print(res)
