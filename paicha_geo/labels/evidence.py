"""Evidence (佐证材料) on an issue: kinds, types, the uploader and its refusals.
"""

from __future__ import annotations

EVIDENCE_KINDS = {"before": "整改前", "after": "整改后", "acceptance": "验收材料"}
EVIDENCE_TYPES = {"jpeg": "JPEG 图片", "png": "PNG 图片", "pdf": "PDF 文档",
                  "docx": "Word 文档（.docx）", "xlsx": "Excel 表格（.xlsx）",
                  "zip": "Word/Excel 文档"}
# What a refused file really is (io.evidence_files.sniff)
EVIDENCE_ACTUAL = {
    "exe": "Windows 可执行程序", "elf": "Linux 可执行程序", "gif": "GIF 图片",
    "bmp": "BMP 图片", "tiff": "TIFF 图片", "webp": "WebP 图片",
    "heic": "HEIC 照片（苹果手机格式，请导出为 JPEG）", "video": "视频文件",
    "rar": "RAR 压缩包", "7z": "7z 压缩包", "gzip": "gzip 压缩包",
    "ole": "旧版 Office 文档（.doc/.xls，请另存为 .docx/.xlsx）", "rtf": "RTF 文档",
    "html": "网页（HTML）", "zip": "ZIP 压缩包", "pptx": "PowerPoint 演示文稿",
    "ooxml": "其他 Office 文档", "text": "纯文本文件", "unknown": "无法识别的格式",
}
EVIDENCE_EMPTY = "文件“{file}”是空的，未保存"
EVIDENCE_TOO_LARGE = "文件“{file}”大小为 {size}，超过佐证材料上限 {limit}，未保存；请压缩后再上传"
EVIDENCE_WRONG_CONTENT = "文件“{file}”实际是{actual}，不是允许的佐证材料类型（{allowed}），未保存"
EVIDENCE_BROKEN = "文件“{file}”看起来是{type}，但已损坏或无法读取，未保存"
EVIDENCE_TOO_MANY_PIXELS = ("图片“{file}”为 {width}×{height} 像素，超过上限 {limit} 百万像素，"
                            "未保存；请缩小后再上传")
EVIDENCE_IMAGE_BOMB = "图片“{file}”像素过多（超过 {limit} 百万像素），未保存；请缩小后再上传"
EVIDENCE_UNPACKS_TOO_LARGE = "文件“{file}”解压后为 {size}，超过上限 {limit}，未保存"
EVIDENCE_MACROS = "文件“{file}”是含宏的 Office 文档，出于安全不接受；请另存为不含宏的 .docx/.xlsx"
EVIDENCE_TOO_MANY_FILES = ("问题 {code} 已有 {count} 份佐证材料，达到上限 {limit} 份；"
                           "请先移除不需要的材料")
EVIDENCE_UNKNOWN_KIND = "未知的材料类别“{kind}”"
EVIDENCE_NO_POWER = "您的角色（{role}）无权上传或移除佐证材料"
EVIDENCE_NOT_ASSIGNED = "问题 {code} 所在村不在您的督查名单中，不能上传或移除佐证材料"
EVIDENCE_NOT_OWN = "佐证材料 #{evidence_id} 不是您上传的，您的角色只能移除自己上传的材料"
EVIDENCE_NOT_FOUND = "找不到佐证材料 #{evidence_id}（可能已被移除）"
EVIDENCE_REMOVE_REASON = "移除佐证材料须填写原因"
REFUSE_EVIDENCE_MISSING = "报告整改完成前须上传佐证材料：{kinds}"
EVIDENCE_REQUIRED_HINT = "报告整改完成前须有：{kinds}。"
EVIDENCE_LIMITS = "可上传：{types}；单个文件不超过 {mb} MB，每个问题最多 {count} 份。"
EVIDENCE_CAPTION = "{kind} · {name} · {size} · {who} · {at}"
EVIDENCE_TITLE = "佐证材料"
EVIDENCE_NONE = "尚无佐证材料。"
EVIDENCE_KIND = "材料类别"
EVIDENCE_FILE = "选择文件（按文件内容检查类型，不看扩展名）"
EVIDENCE_UPLOAD = "上传"
EVIDENCE_ADDED = "已上传：{file}（{kind}）"
EVIDENCE_DOWNLOAD = "下载"
EVIDENCE_REMOVE = "移除"
EVIDENCE_REMOVE_WHY = "移除原因（必填，材料仍保留在数据库中）"
EVIDENCE_REMOVED = "已移除：{file}"
EVIDENCE_PICK_FILE = "请先选择文件"
# The issue history line an attachment or a removal leaves
HISTORY_EVIDENCE_ADDED = "上传佐证材料：{kind} · {file}"
HISTORY_EVIDENCE_REMOVED = "移除佐证材料：{kind} · {file}（原因：{reason}）"
