module github.com/planreport/planreport

go 1.26.0
