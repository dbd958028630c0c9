<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Banner</name>
    <message>
        <location filename="../../../resnet_viewer/gui/banner.py" line="44"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ControlsPanel</name>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="176"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="177"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="178"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="180"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="181"/>
        <source>Block</source>
        <translation>块</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="182"/>
        <source>Blocks/stage</source>
        <translation>每阶段块数</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="183"/>
        <source>Widths</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="184"/>
        <source>Stem</source>
        <translation>起始层</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="185"/>
        <source>Stage stride</source>
        <translation>阶段步幅</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="186"/>
        <source>Stride on</source>
        <translation>步幅位于</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="187"/>
        <source>Shortcut</source>
        <translation>捷径</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="188"/>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="189"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="190"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="191"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="194"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="195"/>
        <source>Start from a published architecture</source>
        <translation>从已发表的网络结构开始</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="196"/>
        <source>Blocks per stage, e.g. 3,4,6,3 (1 to 6 stages)</source>
        <translation>每个阶段的块数，例如 3,4,6,3（1 到 6 个阶段）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="197"/>
        <source>Base width per stage, e.g. 64,128,256,512</source>
        <translation>每个阶段的基础宽度，例如 64,128,256,512</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="199"/>
        <source>Bottleneck: stride on the 3x3 (v1.5, torchvision) or on the first 1x1 (v1, the paper)</source>
        <translation>瓶颈块：步幅放在 3x3 上（v1.5，torchvision）或第一个 1x1 上（v1，原论文）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="206"/>
        <source>pattern: {name}</source>
        <translation>图案：{name}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="208"/>
        <source>Pattern period in pixels (or noise seed)</source>
        <translation>图案周期（像素），或噪声的随机种子</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="209"/>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="210"/>
        <source>What the network sees (resized, centre-cropped)</source>
        <translation>网络看到的输入（已缩放并居中裁剪）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="212"/>
        <source>Other devices are listed once PyTorch has loaded</source>
        <translation>PyTorch 加载后会列出其他设备</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="213"/>
        <source>strict</source>
        <translation>严格</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="215"/>
        <source>Strict: refuse a file whose keys do not all fit. Off: load what fits and list the rest.</source>
        <translation>严格：键不能全部对应的文件会被拒绝。关闭：加载能对应的部分，并列出其余的键。</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="217"/>
        <source>Load weights…</source>
        <translation>加载权重…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="218"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="219"/>
        <source>Back to ResNet-50 with the default options</source>
        <translation>恢复为默认选项的 ResNet-50</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="224"/>
        <source>dilate</source>
        <translation>空洞</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="225"/>
        <source>layer{stage}: stride 1, stride 2, or dilation instead of stride 2</source>
        <translation>layer{stage}：步幅 1、步幅 2，或用空洞卷积代替步幅 2</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="278"/>
        <source>layer{stage} stride {mode}</source>
        <translation>layer{stage} 步幅 {mode}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="307"/>
        <source>preset {name}</source>
        <translation>预设 {name}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="316"/>
        <source>block {type}</source>
        <translation>块 {type}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="321"/>
        <source>blocks per stage</source>
        <translation>每阶段块数</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="325"/>
        <source>widths</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="328"/>
        <source>stem {stem}</source>
        <translation>起始层 {stem}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="331"/>
        <source>stride on {conv}</source>
        <translation>步幅位于 {conv}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="335"/>
        <source>shortcut {variant}</source>
        <translation>捷径 {variant}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="342"/>
        <source>input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/controls.py" line="346"/>
        <source>batch {n}</source>
        <translation>批大小 {n}</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../../resnet_viewer/gui/file_dialogs.py" line="13"/>
        <source>Open image(s) — several fill the batch</source>
        <translation>打开图像（多张图像组成一个批）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/file_dialogs.py" line="14"/>
        <source>Images ({patterns});;All files (*)</source>
        <translation>图像 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/file_dialogs.py" line="19"/>
        <source>Load weights (state_dict)</source>
        <translation>加载权重（state_dict）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/file_dialogs.py" line="20"/>
        <source>Weights ({patterns});;All files (*)</source>
        <translation>权重 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/file_dialogs.py" line="26"/>
        <source>Spec (*.json)</source>
        <translation>网络描述 (*.json)</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/file_dialogs.py" line="28"/>
        <source>Save spec</source>
        <translation>保存网络描述</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/file_dialogs.py" line="30"/>
        <source>Open spec</source>
        <translation>打开网络描述</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="115"/>
        <source>Show the blocks of {stage}</source>
        <translation>显示 {stage} 的各个块</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="119"/>
        <source>Collapse {stage}</source>
        <translation>折叠 {stage}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="125"/>
        <source>Shortcut</source>
        <translation>捷径</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="136"/>
        <source>Network default</source>
        <translation>网络默认</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="137"/>
        <source>Stride</source>
        <translation>步幅</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="140"/>
        <source>stride {n}</source>
        <translation>步幅 {n}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="145"/>
        <source>Stage default</source>
        <translation>阶段默认</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="147"/>
        <source>Show its layers (op level)</source>
        <translation>显示其各层（算子层级）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="148"/>
        <source>Collapse to one block</source>
        <translation>折叠为一个块</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="150"/>
        <source>Collapse stage {stage}</source>
        <translation>折叠阶段 {stage}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="154"/>
        <source>Export this block…</source>
        <translation>导出此块…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/graph_view.py" line="155"/>
        <source>Compare shortcuts…</source>
        <translation>比较捷径…</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="74"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="75"/>
        <source>Python view</source>
        <translation>Python 视图</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="75"/>
        <source>PyTorch code</source>
        <translation>PyTorch 代码</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="75"/>
        <source>Live module</source>
        <translation>实时模块</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="113"/>
        <source>Click a block in the graph</source>
        <translation>在图中点击一个块</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="121"/>
        <source>  ✗ cannot run</source>
        <translation>  ✗ 无法运行</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="121"/>
        <source>  (after an error)</source>
        <translation>  （位于错误之后）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="124"/>
        <source>main {main} · shortcut {shortcut}</source>
        <translation>主分支 {main} · 捷径 {shortcut}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="126"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="127"/>
        <source>main branch</source>
        <translation>主分支</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="128"/>
        <source>shortcut</source>
        <translation>捷径</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="130"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="133"/>
        <source>✗ the branches cannot be added (below)</source>
        <translation>✗ 两个分支无法相加（见下文）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="133"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="135"/>
        <source>params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="137"/>
        <source>mult-adds</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="140"/>
        <source>stride · dilation</source>
        <translation>步幅 · 空洞率</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="142"/>
        <source>receptive field</source>
        <translation>感受野</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="143"/>
        <source>{size} px · jump {jump}</source>
        <translation>{size} px · 跳距 {jump}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="145"/>
        <source>main reads</source>
        <translation>主分支覆盖率</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="146"/>
        <source>shortcut reads</source>
        <translation>捷径覆盖率</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="147"/>
        <source>shortcut params</source>
        <translation>捷径参数量</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="147"/>
        <source>0 (identity)</source>
        <translation>0（恒等）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="153"/>
        <source>share of the block&apos;s input pixels that can change this branch&apos;s output</source>
        <translation>块输入中能影响该分支输出的像素所占比例</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="175"/>
        <source>(the live module appears once PyTorch has built it)</source>
        <translation>（PyTorch 构建模型后在此显示实时模块）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/inspector.py" line="177"/>
        <source>(no live module for this block yet)</source>
        <translation>（此块暂无实时模块）</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <location filename="../../../resnet_viewer/gui/launch.py" line="47"/>
        <source>resnet_viewer: unexpected error</source>
        <translation>resnet_viewer：意外错误</translation>
    </message>
</context>
<context>
    <name>LiveEngine</name>
    <message>
        <location filename="../../../resnet_viewer/gui/engine.py" line="101"/>
        <source>loading PyTorch…</source>
        <translation>正在加载 PyTorch…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/engine.py" line="109"/>
        <source>PyTorch could not be loaded: {error}</source>
        <translation>无法加载 PyTorch：{error}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/engine.py" line="137"/>
        <source>the model has not run yet</source>
        <translation>模型尚未运行</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/engine.py" line="141"/>
        <source>{block}&apos;s layers could not be captured: {error}</source>
        <translation>无法捕获 {block} 各层的输出：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="168"/>
        <location filename="../../../resnet_viewer/gui/menus.py" line="85"/>
        <location filename="../../../resnet_viewer/gui/menus.py" line="87"/>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="233"/>
        <source>{block} shortcut {variant}</source>
        <translation>{block} 捷径 {variant}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="239"/>
        <source>{block} stride {stride}</source>
        <translation>{block} 步幅 {stride}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="258"/>
        <source>shapes+graph {ms} ms</source>
        <translation>形状+图 {ms} ms</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/status_line.py" line="46"/>
        <source>forward {ms} ms</source>
        <translation>前向 {ms} ms</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="360"/>
        <source>PyTorch loaded in {seconds} s</source>
        <translation>PyTorch 已加载，用时 {seconds} s</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="424"/>
        <source>open {name}</source>
        <translation>打开 {name}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="428"/>
        <source>reopen last network</source>
        <translation>重新打开上次的网络</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="430"/>
        <source>the last network cannot be reopened: {error}</source>
        <translation>无法重新打开上次的网络：{error}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="440"/>
        <source>could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="443"/>
        <source>saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="446"/>
        <source>reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/main_window.py" line="453"/>
        <source>exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="83"/>
        <source>Controls</source>
        <translation>控制</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="84"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="86"/>
        <source>activations appear when the live model has run</source>
        <translation>实时模型运行后在此显示激活</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="88"/>
        <source>Summary (torchinfo)</source>
        <translation>摘要（torchinfo）</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="25"/>
        <source>Stage level</source>
        <translation>阶段层级</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="26"/>
        <source>Block level</source>
        <translation>块层级</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="27"/>
        <source>Op level</source>
        <translation>算子层级</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/status_line.py" line="39"/>
        <source>untrained (random init)</source>
        <translation>未训练（随机初始化）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="121"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="122"/>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="123"/>
        <source>Open checkpoint…</source>
        <translation>打开检查点…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="124"/>
        <source>Load weights…</source>
        <translation>加载权重…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="125"/>
        <source>Pretrained weights…</source>
        <translation>预训练权重…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="126"/>
        <source>Cached pretrained weights</source>
        <translation>已缓存的预训练权重</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="129"/>
        <source>Open spec…</source>
        <translation>打开网络描述…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="130"/>
        <source>Save spec…</source>
        <translation>保存网络描述…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="132"/>
        <source>Reopen last network</source>
        <translation>重新打开上次的网络</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="135"/>
        <source>Recent files</source>
        <translation>最近的文件</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="138"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="140"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="141"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="178"/>
        <source>Reset to ResNet-50</source>
        <translation>重置为 ResNet-50</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="142"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="146"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="147"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="148"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="149"/>
        <source>Horizontal flow</source>
        <translation>水平方向</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="152"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="206"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="207"/>
        <source>Undo {what}</source>
        <translation>撤销 {what}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="213"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="214"/>
        <source>Redo {what}</source>
        <translation>重做 {what}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="237"/>
        <source>(no {name}-*.pth in {folder})</source>
        <translation>（{folder} 中没有 {name}-*.pth）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/menus.py" line="241"/>
        <source>(custom spec: no torchvision file in {folder})</source>
        <translation>（自定义网络：{folder} 中没有 torchvision 文件）</translation>
    </message>
</context>
<context>
    <name>RunGuard</name>
    <message>
        <location filename="../../../resnet_viewer/gui/run_guard.py" line="48"/>
        <source>run ≈ {size}</source>
        <translation>运行 ≈ {size}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/run_guard.py" line="51"/>
        <source>trace {size} MB</source>
        <translation>追踪 {size} MB</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../../resnet_viewer/gui/settings.py" line="53"/>
        <source>the saved network could not be read ({detail}); opened the default network</source>
        <translation>无法读取保存的网络（{detail}）；已打开默认网络</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/settings.py" line="57"/>
        <source>the last session ended while this app was running a network (out of memory?); opened the default network — File → Reopen last network to try it again</source>
        <translation>上次会话在运行网络时意外结束（内存不足？）；已打开默认网络。可用 文件 → 重新打开上次的网络 再试一次</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <location filename="../../../resnet_viewer/gui/summary_tab.py" line="30"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/summary_tab.py" line="30"/>
        <source>output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/summary_tab.py" line="30"/>
        <source>params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/summary_tab.py" line="30"/>
        <source>mult-adds</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/summary_tab.py" line="33"/>
        <source>torchinfo.summary of the live model appears here when this tab is open</source>
        <translation>打开此标签页时，这里显示实时模型的 torchinfo.summary</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/summary_tab.py" line="35"/>
        <source>torchinfo.summary of the live model</source>
        <translation>实时模型的 torchinfo.summary</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/summary_tab.py" line="37"/>
        <source>the network cannot run: no summary (see the error in the graph)</source>
        <translation>网络无法运行：没有摘要（错误见图中）</translation>
    </message>
</context>
</TS>
