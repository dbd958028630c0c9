"""The live layer: a real torch ResNet built from a spec, traced with hooks,
fed with real images and weights. Imports core, torch and numpy; never Qt."""
