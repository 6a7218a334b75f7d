#!/usr/bin/env node
// The published entry point: runs the built CLI, one bundled file (npm start builds it first).
import '../dist/salvage.mjs';
