"""What the pages call: one read model (`data`) and one module per page.

Every read takes a `Scope`; pages never touch the store, and nothing here imports Streamlit.
"""
