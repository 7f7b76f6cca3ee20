"""Demo: one 调整通知 of 百色市财政局 uploaded as text and waiting to be checked (文件识别 → 待核对)."""
from django.core.files.uploadedfile import SimpleUploadedFile

from bianzhi.accounts.models import User
from bianzhi.registry.demo import demo_unit

from .models import IngestJob
from .services import create_job

DEMO_NAME = "关于调整百色市财政局内设机构的通知.txt"
DEMO_TEXT = """中共百色市委机构编制委员会办公室文件
百编办〔2022〕17号
关于调整百色市财政局内设机构的通知
市财政局：
你局《关于调整内设机构的请示》（百财报〔2022〕5号）收悉。经研究，现将有关事项通知如下：
一、设立政府债务管理科，负责全市政府债务的统计、监测和风险防控工作。
二、将国库科更名为国库支付科。
三、为市财政局核增机关行政编制2名。
调整后，市财政局内设机构9个，机关行政编制54名，局长1名、副局长4名，正科级领导职数13名、副科级领导职数2名。
特此通知。
中共百色市委机构编制委员会办公室
2022年4月20日
"""


def load(log=print):


    unit = demo_unit("百色市财政局")
    if unit is None:
        log("  文件识别：未找到百色市财政局，跳过")
        return
    if IngestJob.objects.filter(unit=unit, original_name=DEMO_NAME).exists():
        return
    upload = SimpleUploadedFile(DEMO_NAME, DEMO_TEXT.encode("utf-8"), content_type="text/plain")
    create_job(unit, upload, acting_user=User.objects.filter(username="luru").first())
    log("  文件识别：1 份待核对的调整通知（百色市财政局）")
