//! libFuzzer entry point: one input, one chain from genesis (see `genex_fuzz`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genex_fuzz::run(data));
