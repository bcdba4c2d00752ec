//! Statistical methods: confidence intervals, benchmarking, funnel plots, SPC, recent
//! trends and percentiles, each matching its published reference implementation.
