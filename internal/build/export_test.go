package build

// What the external tests (package build_test) share with the internal ones.
var ExampleSite = exampleSite
