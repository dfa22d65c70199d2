"""paicha-geo (排查地图): watch a poverty-alleviation problem-screening campaign on a map."""

__version__ = "0.1.0"
