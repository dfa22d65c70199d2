"""Plausible Chinese village and person names, and ID numbers with a valid check digit.

Everything here is invented; the demo must never carry a real person's data.
"""

from __future__ import annotations

import numpy as np

_VILLAGE_HEADS = list(
    "东西南北前后上下大小新老长高中王李张陈周吴徐朱蒋钱孙沈杨黄许潘戴汤史"
    "夏殷庄芮韦汪丁谢邹华杭严卞虞"
)
_VILLAGE_MIDS = list("家塘桥港庄湾墩浦圩岗河坝埠泾荡溪山林墅巷渎阳丰安")
_VILLAGE_TAILS = ["", "", "", "头", "口", "里", "圩", "桥", "庄", "塘"]
_COMMUNITY_HEADS = ["和平", "长安", "丽华", "清潭", "花园", "青山", "新村", "永红", "民主",
                    "五星", "光华", "翠竹", "兰陵", "紫云", "锦绣", "滨江", "龙城", "阳光",
                    "金桥", "文化", "茶山", "凤凰", "御景", "西林", "春江", "雕庄", "红梅"]
_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
                 "袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹")
_GIVEN = list("国建华明军平志伟秀英芳玉兰桂珍凤红梅丽强文金春荣海林德福生宝忠正兴")


def village_names(rng: np.random.Generator, count: int, community: np.ndarray) -> list[str]:
    """`count` distinct names for one town; `community[i]` selects 社区 over 村."""
    names: list[str] = []
    seen: set[str] = set()
    for is_community in community[:count]:
        for _ in range(200):
            if is_community:
                name = rng.choice(_COMMUNITY_HEADS) + "社区"
            else:
                name = (rng.choice(_VILLAGE_HEADS) + rng.choice(_VILLAGE_MIDS)
                        + rng.choice(_VILLAGE_TAILS) + "村")
            if name not in seen:
                break
        else:  # exhausted: make it unique with a number, as real registers do (一村, 二村)
            name = name[:-1] + "二" + name[-1]
        seen.add(name)
        names.append(name)
    return names


def person_names(rng: np.random.Generator, count: int) -> np.ndarray:
    surname = rng.choice(_SURNAMES, size=count)
    first = rng.choice(_GIVEN, size=count)
    second = rng.choice(_GIVEN + [""] * 12, size=count)
    return np.char.add(np.char.add(surname, first), second)


_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """GB 11643 check digit (ISO 7064 MOD 11-2) of an 18-digit resident ID."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def id_numbers(rng: np.random.Generator, county_code: str, count: int) -> list[str]:
    """Well-formed but invented resident ID numbers registered in `county_code`."""
    births = np.datetime64("1935-01-01") + rng.integers(0, 365 * 75, size=count).astype(
        "timedelta64[D]"
    )
    seq = rng.integers(0, 1000, size=count)
    out = []
    for birth, s in zip(births, seq, strict=True):
        first17 = f"{county_code}{str(birth).replace('-', '')}{s:03d}"
        out.append(first17 + id_check_digit(first17))
    return out
