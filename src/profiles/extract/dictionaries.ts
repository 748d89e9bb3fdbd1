// The extractor's own word lists, shipped in the repository (no download at run time).
// Kept small and general: common surnames, well-known organisations, title and address
// vocabulary. A word belongs here because chat text uses it, not because a test line does.

const words = (s: string): string[] => s.trim().split(/\s+/);

/** Chinese surnames: the compound ones first, so a longest match takes 欧阳 over 欧. */
export const COMPOUND_SURNAMES = words(`
  欧阳 司马 诸葛 上官 慕容 东方 皇甫 尉迟 公孙 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 百里 呼延 闻人 澹台 公冶 太史 申屠 钟离
`);
export const SINGLE_SURNAMES = words(`
  王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 常 温 康 施 文 牛 樊 葛 邢 安 齐 易 乔 伍 庞 颜 倪 庄 聂 章 鲁 岳 翟 殷 詹 申 欧 耿 关 兰 焦 俞 左 柳 甘 祝 包 宁 尚 符 舒 阮 柯 纪 梅 童 凌 毕 单 季 裴 霍 涂 成 苗 谷 盛 曲 翁 冉 骆 蓝 路 游 辛 靳 管 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈 饶 解 牟 艾 尤 阳 时 穆 农 司 卓 古 吉 缪 简 车 项 连 芦 麦 褚 娄 窦 戚 岑 景 党 宫 费 卜 冷 晏 席 卫 米 柏 宗 瞿 桂 全 佟 应 臧 闵 苟 邬 边 卞 姬 师 和 仇 栾 隋 商 刁 沙 荣 巫 寇 桑 郎 甄 丛 仲 虞 敖 巩 明 佘 池 查 麻 苑 迟 邝 官 封 谈 匡 鞠 惠 荆 乐 冀 郁 胥 南 班 储 原 栗 燕 楚 鄢 劳 谌 奚 皮 粟 冼 蔺 楼 盘 满 闻 位 厉 伊 仝 区 郜 海 阚 花 权 强 帅 屠 豆 朴 盖 练 廉 禹 井 祖 漆 巴 丰 支 卿 国 狄 平 计 索 宣 晋 相 初 门 云 容 敬 来 扈 晁 芮 都 普 阙 浦 戈 伏 鹿 薄 邸 雍 辜 羊 阿 乌 母 裘 亓 修 邰 赫 杭 况 那 宿 鲜 印 逯 隆 茹 诸 战 慎 危 玉 银 亢 嵇 公 哈 湛 宾 戎 勾 茅 利 於 呼 居 揭 干 但 尉 冶 斯 元 束 檀 衣 信 展 阴 昝 智 幸 奉 植 衡 富 尧 闭 由
`);

/** Characters that end a Chinese given name candidate (function words, verbs of the cue). */
export const NOT_IN_GIVEN_NAME = new Set(
  "的了是在吗呢吧啊呀哈嗯说和跟与让要我你他她它们就也都来去打给被把对向从到这那有没不很还再又才会能可以想请问叫姓做当上下里外中，。、！？：；,.!? 0123456789".split(""),
);

/** Words jieba may tag `nr` that are not names in chat. */
export const NOT_A_NAME = new Set(words(`
  老板 老师 师傅 同学 小姐 先生 女士 老公 老婆 儿子 女儿 孩子 客户 经理 总监 明星 网球 同名 万元 马上 高兴 方便 安全 周末 周五 周一 谢谢 哈哈 明天 今天 后天 上次 下次
`));

/** Suffixes that end a Chinese company name, longest first. */
export const ZH_COMPANY_SUFFIXES = words(`
  股份有限公司 有限责任公司 有限公司 集团公司 控股集团 集团 公司 科技 银行 保险 快递 电器 软件 证券 传媒 地产 物流 商贸 贸易 实业 电子 网络
`);

/** Well-known company names (a gazetteer of large firms, both languages). */
export const KNOWN_COMPANIES_ZH = words(`
  字节跳动 阿里巴巴 阿里 腾讯 华为 小米 百度 京东 美团 拼多多 携程 网易 顺丰 中通快递 圆通 申通 韵达 滴滴 快手 比亚迪 格力电器 格力 美的 海尔 联想 中兴
  万科 碧桂园 恒大 招商银行 中国银行 建设银行 工商银行 农业银行 交通银行 浦发银行 平安保险 中国平安 中国人寿 中国移动 中国联通 中国电信 中石油 中石化
  宁德时代 蔚来 小鹏 理想汽车 吉利 长城汽车 茅台 伊利 蒙牛 海底捞 瑞幸 星巴克 苹果公司 微软 谷歌 特斯拉 大疆 商汤 科大讯飞 金山 用友 神州数码 苏宁 国美 唯品会 小红书 哔哩哔哩 知乎 微博 新浪 搜狐 360 贝壳 链家 58同城 饿了么 盒马 天猫 淘宝 支付宝 蚂蚁集团
`);
export const KNOWN_COMPANIES_EN = words(`
  Google Microsoft Amazon Apple Meta Facebook Netflix Nike Adidas Oracle IBM Intel AMD Nvidia Cisco Salesforce SAP Siemens Bosch Infosys Wipro Accenture Deloitte
  FedEx UPS DHL HSBC Citibank Citi Barclays JPMorgan Goldman Visa Mastercard PayPal Uber Airbnb Tesla Toyota Honda Samsung Sony LG Huawei Lenovo Xiaomi Alibaba Tencent Baidu
  ByteDance TikTok Walmart Target Costco Starbucks McDonald's Coca-Cola PepsiCo Unilever Nestle Shell BP Boeing Airbus Dell HP Adobe Spotify Twitter LinkedIn Shopify Stripe
  Zoom Slack Dropbox Atlassian Deutsche Volkswagen BMW Mercedes Ikea Zara H&M Walgreens Pfizer Moderna Novartis KPMG PwC EY McKinsey Bain Verizon AT&T T-Mobile Comcast Disney
`);
export const KNOWN_COMPANIES_MULTI_EN = ["Johnson & Johnson", "Goldman Sachs", "Morgan Stanley", "Bank of America", "Wells Fargo", "General Electric", "Procter & Gamble", "Ernst & Young"];

/** English company suffixes; a capitalised name followed by one is a company. */
export const EN_COMPANY_SUFFIXES = words(`
  Inc. Inc Ltd. Ltd LLC LLP GmbH AG SA S.A. PLC plc Corp. Corp Corporation Co. Company Group Holdings Systems Labs Solutions Technologies Technology Traders Motors Logistics Industries Enterprises Partners Ventures Studios Media Consulting
`);

/** Chinese organisation (not company) suffixes. */
export const ZH_ORG_SUFFIXES = words(`
  大学 学院 中学 小学 附中 幼儿园 医院 卫生院 研究所 研究院 科学院 法院 检察院 公安局 教育局 税务局 委员会 协会 学会 基金会 红十字会 联合会 政府 局 厅 部
`);
export const KNOWN_ORGS_ZH = words(`北大 清华 联合国 红十字会 中国红十字会 世界自然基金会 世卫组织 共青团`);
export const KNOWN_ORGS_EN = words(`MIT UCLA NYU IEEE ACM UNICEF UNESCO WHO NASA NATO OECD WWF Caltech`);
export const KNOWN_ORGS_MULTI_EN = ["United Nations", "World Bank", "Red Cross", "Habitat for Humanity", "Salvation Army", "World Health Organization", "Mayo Clinic", "Doctors Without Borders"];
/** Head words of English organisation names. */
export const EN_ORG_HEADS = words(`University College School Institute Hospital Clinic Academy Foundation Association Society Council Department Ministry Agency Church Museum Library`);

/** Chinese job titles: heads, and the modifiers that may precede them. */
export const ZH_TITLE_HEADS = words(`
  总经理 副总经理 董事长 副董事长 副总裁 总裁 总监 经理 主管 主任 负责人 工程师 设计师 架构师 分析师 会计师 会计 出纳 律师 医生 护士 老师 教师 教授 副教授 讲师 研究员
  顾问 专员 助理 秘书 店长 柜员 信贷员 业务员 销售员 客服 司机 厨师 HR CEO CTO COO CFO 合伙人 创始人 董事 校长 院长 编辑 记者 研究生 学生 博士生 开发
`);
export const ZH_TITLE_MODIFIERS = words(`
  产品 销售 技术 采购 财务 市场 运营 项目 部门 区域 大区 客户 理财 行政 人事 后台 前端 后端 算法 网点 高级 资深 首席 副 总 执行 商务 品牌 法务 软件 测试 数据 信贷 大堂 客服 研发 质量 生产 人力资源 投资 营销 外贸 业务 主治 联合 设计 开发 平面 UI 室内 装修 工程 主任 部 的
`).filter((w) => w !== "的");

/** English job titles. Heads that are also common words need a modifier (`WEAK_HEADS`). */
export const EN_TITLE_HEADS = words(`
  manager director engineer developer designer architect analyst scientist strategist consultant advisor adviser accountant lawyer attorney doctor physician nurse
  practitioner teacher professor lecturer researcher student photographer writer editor founder co-founder cofounder owner president chairman buyer assistant
  coordinator specialist officer administrator recruiter secretary intern programmer technician therapist pharmacist dentist chef CEO CTO COO CFO CMO CIO VP
  rep representative lead head partner executive
`);
export const EN_WEAK_HEADS = new Set(words(`lead head partner executive rep representative owner officer assistant`));
export const EN_TITLE_DEPARTMENTS = words(`sales marketing engineering procurement purchasing operations finance product design hr people it technology research growth customer support`);
export const EN_NOT_TITLE_MODIFIERS = new Set(words(`a an the as i i'm im am is are was my our your his her their work works worked working and or but also just now still currently here there from at for with of in on to be been been very really full part time`));

/** Chinese provinces and large cities (address anchors). */
export const ZH_PROVINCES = words(`
  北京 上海 天津 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门
`);
export const ZH_CITIES = words(`
  北京 上海 天津 重庆 广州 深圳 杭州 南京 苏州 成都 武汉 西安 长沙 郑州 青岛 济南 沈阳 大连 哈尔滨 长春 石家庄 太原 合肥 南昌 福州 厦门 昆明 贵阳 南宁 海口 三亚 兰州 西宁 银川 乌鲁木齐 拉萨 呼和浩特
  宁波 温州 无锡 常州 南通 徐州 佛山 东莞 珠海 中山 惠州 汕头 泉州 烟台 潍坊 洛阳 宜昌 襄阳 株洲 岳阳 绵阳 桂林 唐山 保定 廊坊 嘉兴 绍兴 金华 台州 扬州 镇江 芜湖
`);

/** Chinese and English address components. */
export const EN_STREET_TYPES = words(`Street St St. Avenue Ave Ave. Road Rd Rd. Boulevard Blvd Blvd. Parkway Pkwy Way Lane Ln Drive Dr Dr. Place Pl Terrace Loop Court Ct Square Sq Highway Hwy Circle Crescent Close Row`);

/** Interests, longest forms first where a verb goes with the noun (打篮球 over 篮球). */
export const INTERESTS_ZH = words(`
  打羽毛球 打篮球 打网球 打乒乓球 踢足球 打高尔夫 打排球 下围棋 下象棋 弹吉他 弹钢琴 拉小提琴 自驾游 羽毛球 篮球 网球 乒乓球 足球 高尔夫 排球 围棋 象棋 吉他 钢琴
  爬山 登山 徒步 摄影 拍照 钓鱼 看书 读书 阅读 跑步 马拉松 游泳 旅游 旅行 书法 画画 绘画 露营 健身 瑜伽 做饭 烹饪 烘焙 唱歌 跳舞 滑雪 骑行 骑车 追剧 看电影 听音乐 音乐 电影 游戏 打游戏 茶艺 品茶 喝茶 红酒 收藏 养花 园艺 手工 编织 潜水 冲浪 攀岩 射箭 钓鱼 宠物 养猫 养狗
`);
export const INTERESTS_EN = [
  "board games", "scuba diving", "rock climbing", "video games", "table tennis", "martial arts", "bird watching",
  ...words(`
  hiking photography golf tennis cooking yoga reading skiing snowboarding travel traveling travelling camping surfing diving cycling biking chess gardening knitting baking
  painting drawing fishing hunting running jogging swimming basketball football soccer baseball volleyball badminton music movies gaming dancing singing guitar piano
  climbing sailing kayaking boxing pilates meditation writing crafts pottery skating skateboarding wine coffee tea marathons anime
`),
];
/** Words that say the interest is the writer's own ("I love", "喜欢"). */
export const INTEREST_CUES_ZH = words(`喜欢 爱好 兴趣 爱 热爱 迷上 平时 周末 经常 业余`);
export const INTEREST_CUES_EN = words(`love loves like likes enjoy enjoys into hobby hobbies fan passion passionate interested interests`);

/** Common English given names, for lowercase self-introductions ("its mike"). */
export const EN_GIVEN_NAMES = new Set(words(`
  john mike michael david james robert william richard joseph thomas tom chris christopher daniel dan matt matthew mark paul steve steven kevin brian george ed edward
  ryan jason jeff jacob gary tim timothy eric jose larry justin scott brandon ben benjamin sam samuel frank greg alex andrew josh joshua peter nick nathan adam carlos diego
  mary patricia jennifer jenny linda lisa elizabeth liz barbara susan jessica sarah karen nancy betty margaret sandra ashley kim emily emma donna michelle carol amanda
  melissa deborah stephanie rebecca laura sharon cynthia kathy amy angela anna helen megan meg rachel sophia sofia olivia ava mia chloe grace lily lucy maria priya raj
  ahmed ali omar hans tony jack leo max kate katie tina wei lei
`));
/** Capitalised words that follow "I'm"/"this is" without being a name. */
export const EN_NOT_NAMES = new Set(words(`
  A An The I Im I'm It Its It's This That Here There Just So Not Also Very Really Still Now Good Fine Ok Okay OK Sure Sorry Back Home Ready Done Looking Interested
  Going Based From With At In On For Into Happy Glad Thanks Thank Hi Hey Hello Yes No Mr Mrs Ms Dr Sir Madam We You He She They Our Your My Monday Tuesday Wednesday Thursday
  Friday Saturday Sunday January February March April May June July August September October November December Christmas
`));
