// Placeholder: the runtime host is built in issue #2 (Host/).
return 0;
