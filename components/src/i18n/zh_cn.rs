//! Simplified Chinese (`zh`, `zh-CN`; every `zh-*` tag).

use super::{Catalog, Msg};

/// Simplified Chinese (`zh`, `zh-CN`; every `zh-*` tag).
pub struct ZhCn;

impl Catalog for ZhCn {
    fn serves(&self, locale: &str) -> bool {
        locale.starts_with("zh")
    }

    fn text(&self, msg: Msg) -> &'static str {
        use Msg::*;
        match msg {
            Search => "查询",
            Searching => "正在查询…",
            NewSearch => "重新查询",
            Retry => "重试",
            Required => "必填",
            SummaryTitle => "请更正以下问题：",
            Unreachable => "暂时无法连接城市服务平台，请检查网络后重试。",
            TimedOut => "部门系统响应超时，请稍后重试。",
            Malformed => "部门系统返回了无法识别的结果，请稍后重试。",
            DepartmentError => "部门系统暂时无法办理此业务",
            NotServed => "本市暂未开通此服务。",
            Unavailable => "服务暂不可用",
            UnavailableDetail => "此服务暂时无法使用，请稍后再试，或拨打服务热线。",
            Loading => "加载中…",
            Hotline => "服务热线",
            Department => "办理部门",
            Partial => "部分信息暂时无法显示。",
            Truncated => "仅显示前500条记录。",
            Submit => "提交",
            Submitting => "正在提交…",
            ReviewTitle => "请核对以下信息",
            ReviewHint => "提交后将发送至办理部门。如需修改，请返回修改。",
            Confirm => "确认提交",
            ConfirmBooking => "确认预约",
            Edit => "返回修改",
            HoldSlot => "锁定时段，下一步",
            HeldTitle => "已为您锁定该时段，请核对后确认",
            HeldLeft => "锁定剩余时间",
            HoldLapsed => "该时段的锁定已超时并已释放，请重新选择时段",
            ChangeSlot => "更换时段或信息",
            Rescheduling => "正在改约。新时段确认前，原预约保持有效：",
            KeepBooking => "保留原预约",
            MovedFrom => "已改约，原预约已取消：",
            Checking => "已提交，正在确认办理结果…",
            Unsettled => {
                "办理结果暂未确认，请勿重复提交。稍后可在“我的办理”中查看结果，或拨打服务热线。"
            }
            Cancelling => "正在取消…",
            CancelledTitle => "预约已取消",
            Done => "完成",
            DoneTitle => "办理成功",
            Back => "返回",
            Choose => "请选择",
            OptionsLoading => "正在加载可选项…",
            OptionsFailed => "可选项加载失败",
            OptionsEmpty => "暂无可选项",
            Full => "已约满",
            UsePrefill => "使用我的账户信息",
            Prefilled => "已使用账户信息填写，可修改",
            Closed => "当前不在服务时间",
            Paused => "系统维护中，暂停办理",
            PayPaused => "缴费暂停",
            NextOpen => "下次开放时间",
            BeijingTime => "北京时间",
            TimesInBeijing => "以下时间均为北京时间（UTC+8）。",
            Credit => "抵扣",
            Until => "至 ",
            Subscribed => "已开启提醒",
            SubscribeFailed => "提醒设置失败，请稍后重试",
            NoHost => "当前应用不支持此操作",
            Updated => "收到新消息，结果已更新",
            PayTitle => "缴费",
            PayNow => "确认支付",
            Ordering => "正在创建缴费订单…",
            Paying => "请在支付窗口中完成支付…",
            CheckingPay => "正在确认支付结果，请勿重复支付…",
            Paid => "支付成功",
            PayFailed => "支付未完成，您可以重试。",
            PayCancelled => "已取消支付，账单仍未缴纳。",
            AlreadyPaid => "该账单已缴清，无需重复缴纳。",
            PayInFlight => "这笔账单已有一笔支付正在处理，正在确认结果，请勿重复支付…",
            PayBusy => "这笔账单另有一笔支付正在处理，结果确认前不能再次支付，请稍后重试。",
            PayUnsettled => "支付结果仍在确认中。请勿重复支付，稍后刷新查看缴费状态。",
            PayFallback => "当前应用不支持直接支付。请在缴费页面完成支付，然后返回此处。",
            OpenPayPage => "打开缴费页面",
            ScanToPay => "扫码支付",
            IPaid => "我已完成支付",
            Close => "关闭",
            OrderNo => "订单号",
            Amount => "金额",
            Show => "显示",
            Results => "查询结果",
            Actions => "操作",
            Found => "已查询到以下信息",
            BillAmount => "账单金额",
            PayBy => "缴费截止日期",
            Payee => "收款单位",
            Status => "状态",
            Charges => "费用明细",
            ConfirmationCode => "确认号",
            StepDone => "已完成",
            StepCurrent => "进行中",
            StepPending => "未开始",
            RoadMap => "路况示意图",
            RoadList => "各路段路况",
            Stale => "未能刷新，以下为上次查询的结果。",
            PauseRefresh => "暂停自动刷新",
            Colon => "：",
            SentenceEnd => "。",
            ListComma => "，",
            CatalogTitle => "城市服务",
            CatalogFailed => "暂时无法加载服务列表，请稍后再试。",
            NoMatch => "没有找到匹配的服务",
            RecentlyUsed => "最近使用",
            SearchServices => "搜索服务",
            BadgeOpen => "可办理",
            BadgeClosed => "非办理时间",
            BadgePayPaused => "缴费暂停",
            BadgeMaintenance => "维护中",
            MineTitle => "我的城市",
            MineView => "查看",
            MineUnfollow => "取消关注",
            MineFailed => "暂时无法加载您的记录，请稍后再试。",
            MineUnfollowFailed => "暂时无法取消关注，请稍后再试。",
            BackToServices => "← 全部服务",
            BackToMine => "← 我的城市",
            MapLabelSep => "，",
            TopicViolations => "违章提醒",
            TopicBillDue => "账单提醒",
            TopicAppointment => "预约提醒",
            TopicProgress => "办理进度提醒",
            TopicOther => "提醒",
            MatterBooked => "已预约",
            MatterCancelled => "已取消",
            MatterSubmitted => "已提交",
            MatterWithdrawn => "已撤回",
            PaymentPaid => "已缴费",
            PaymentProcessing => "处理中",
            NumberPrefix => "编号 ",
            RefPrefix => "单号 ",
            SectionAppointments => "我的预约",
            SectionApplications => "我的办件",
            SectionPayments => "缴费记录",
            SectionReminders => "我的关注",
            ToMine => "我的城市 →",
            BackToPrevious => "← 返回",
            BackRefusedSending => "正在提交，请等待结果后再返回。",
            BackRefusedSettling => "正在确认办理结果，请稍候再返回，以免重复办理。",
            BackRefusedPaying => "支付正在进行中，请完成或取消支付后再返回。",
            LinkTitle => "无法在此打开这个链接",
            LinkUnreadable => "无法识别这个链接。您可以在城市服务列表中选择所需服务。",
            LinkNotOffered => "本城市未提供链接中的服务，请从本城市已开通的服务中选择。",
            Share => "分享",
            Shared => "已分享。",
            ShareCopy => "复制下面的链接分享这项服务（链接不含个人信息）：",
            ShareCopied => "链接已复制，可打开这项服务，不含个人信息：",
            CategoryVehicle => "车辆交通",
            CategoryMedical => "医疗健康",
            CategoryLife => "生活缴费",
            CategorySocialSecurity => "社会保障",
            CategoryCivilAffairs => "民政婚姻",
            CategoryImmigration => "出入境",
            CategoryCulture => "文化图书",
            CategoryTransport => "出行路况",
            SignInForMine => "登录后，这里会显示您在本市的预约、办件、缴费和关注。",
            MineEmpty => "还没有记录。办理预约、缴费或订阅提醒后，会显示在这里。",
            UrgencyOverdue => "已逾期",
            UrgencyDueSoon => "即将到期",
            UrgencyDue => "待办理",
            UrgencyInfo => "提醒",
            DigestLate => "暂未答复。",
            DigestUnavailable => "暂时无法查询。",
            DigestFailed => "暂时无法加载各部门为您保存的事项，请稍后再试。",
            SectionWaiting => "待您办理",
            AttrName => "姓名",
            AttrIdNumber => "身份证号",
            AttrMobile => "手机号",
            AttrPlates => "车牌号",
            AttrWaterAccount => "水费户号",
            AttrElectricityAccount => "电费户号",
            AttrGasAccount => "燃气户号",
            AttrLibraryCard => "借书证号",
            ConsentTitle => "让「我的城市」替您向各部门查询？",
            ConsentIntro => "请选择「我的城市」可以查询的部门：罚款、账单、借阅、年检等。每个部门只会收到其下列出的信息，未选择的部门不会收到任何信息。您可以随时在这里更改。",
            ConsentAllow => "允许查询所选部门",
            ConsentNotNow => "暂不",
            ConsentManage => "「我的城市」可查询的部门",
            ConsentManageIntro => "取消勾选后，「我的城市」将立即停止查询该部门。",
            ConsentFailed => "未能保存您的选择，请重试。",
            ConsentSaving => "正在保存…",
        }
    }

    fn count(&self, n: usize) -> String {
        format!("共查询到 {n} 条记录")
    }

    fn stages(&self, n: usize, current: Option<&str>, all_done: bool) -> String {
        match current {
            Some(stage) => format!("共 {n} 个环节，当前：{stage}"),
            None if all_done => format!("共 {n} 个环节，已全部完成"),
            None => format!("共 {n} 个环节"),
        }
    }

    fn roads(&self, n: usize, levels: &[(String, usize)]) -> String {
        let parts: Vec<String> = levels.iter().map(|(l, c)| format!("{l} {c} 条")).collect();
        format!("共 {n} 条道路：{}", parts.join("、"))
    }

    fn refresh_every(&self, seconds: u32) -> String {
        format!("每 {seconds} 秒自动刷新")
    }

    fn show(&self, label: &str) -> String {
        format!("{}{label}", self.text(Msg::Show))
    }

    fn left(&self, n: u32) -> String {
        format!("余{n}")
    }

    fn paren(&self, x: &str) -> String {
        format!("（{x}）")
    }

    fn for_record(&self, record: &str) -> String {
        format!("（{record}）")
    }
}
