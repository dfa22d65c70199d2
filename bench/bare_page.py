"""The yardstick of bench/page_bench.py: the least a Streamlit page costs on this machine."""

import os
import time

import streamlit as st

began = time.perf_counter()
st.title("bare")
st.write("一个空白页面 / a bare page")
path = os.environ.get("PAICHA_TIMING_LOG")
if path:
    with open(path, "a", encoding="utf-8") as log:
        log.write(f"bare\t{time.perf_counter() - began:.4f}\n")
