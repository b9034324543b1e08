// Placeholder: benchmarks arrive with the core steps they measure.
return 0;
