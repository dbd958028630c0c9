<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationsPanel</name>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="158"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="159"/>
        <source>main branch</source>
        <translation>主分支</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="153"/>
        <location filename="../../../resnet_viewer/gui/activations.py" line="160"/>
        <source>shortcut</source>
        <translation>捷径</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="161"/>
        <source>main + shortcut</source>
        <translation>主分支 + 捷径</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="162"/>
        <source>output (ReLU)</source>
        <translation>输出（ReLU）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="100"/>
        <source>evenly spaced</source>
        <translation>均匀间隔</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="101"/>
        <source>first N</source>
        <translation>前 N 个</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="102"/>
        <source>strongest N</source>
        <translation>最强 N 个</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="105"/>
        <source>diverging (0 = white)</source>
        <translation>发散色（0 = 白）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="105"/>
        <source>grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="109"/>
        <source>robust, each map</source>
        <translation>稳健，各图独立</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="110"/>
        <source>robust, shared</source>
        <translation>稳健，共用</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="111"/>
        <source>shared ±max</source>
        <translation>共用 ±最大值</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="112"/>
        <source>each map min…max</source>
        <translation>各图 最小…最大</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="115"/>
        <source>one channel, large:</source>
        <translation>单通道放大：</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="116"/>
        <source>The same channel of every branch, side by side on one colour scale</source>
        <translation>各分支的同一通道并排显示，使用同一色标</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="119"/>
        <source>robust: ±99th percentile of |value|, so a few hot pixels do not wash the rest out;
each map: every picture its own scale (structure); shared: one scale, comparable across branches</source>
        <translation>稳健：取 |值| 的 ±第 99 百分位数，少数过亮像素不会冲淡其余部分；
各图独立：每张图用自己的色标（看结构）；共用：同一色标，可跨分支比较</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="123"/>
        <source>channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="124"/>
        <source>colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="127"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="128"/>
        <source>count of sampled values (shared bins)</source>
        <translation>采样值的计数（共用分箱）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="129"/>
        <source>Histogram</source>
        <translation>直方图</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="130"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="132"/>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="132"/>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="132"/>
        <source>std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="132"/>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="132"/>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="132"/>
        <source>zeros</source>
        <translation>零值</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="151"/>
        <source>in</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="152"/>
        <source>main</source>
        <translation>主分支</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="154"/>
        <source>sum</source>
        <translation>相加</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="155"/>
        <source>out</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="311"/>
        <source>click a block in the graph to see its branches</source>
        <translation>在图中点击一个块，查看它的各个分支</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="316"/>
        <source>{name} did not run (an earlier block cannot add its branches)</source>
        <translation>{name} 未运行（前面有一个块的两个分支无法相加）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="326"/>
        <source>activations appear when the live model has run</source>
        <translation>模型运行后显示激活</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="385"/>
        <source>ch {channel} of {count}</source>
        <translation>通道 {channel}/{count}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="388"/>
        <source>{shown} of {count} ch</source>
        <translation>{shown}/{count} 通道</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="397"/>
        <source>not computed (the block stopped here)</source>
        <translation>未计算（块在此处停止）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="415"/>
        <source> · {count} all-zero</source>
        <translation> · {count} 个全零</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="431"/>
        <source>one scale</source>
        <translation>同一色标</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="432"/>
        <source>levels {low} … {high}</source>
        <translation>色阶 {low} … {high}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="435"/>
        <source>× each map&apos;s scale</source>
        <translation>× 各图色标</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="436"/>
        <source>levels per map (in the captions)</source>
        <translation>各图色阶（见图注）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/activations.py" line="466"/>
        <source>‖shortcut‖ / ‖main‖ = {ratio}</source>
        <translation>‖捷径‖ / ‖主分支‖ = {ratio}</translation>
    </message>
</context>
<context>
    <name>AliasingDialog</name>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="92"/>
        <source>Aliasing: a period-2 checkerboard through one block</source>
        <translation>混叠：周期为 2 的棋盘格通过一个块</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="102"/>
        <source>main branch</source>
        <translation>主分支</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="102"/>
        <source>shortcut</source>
        <translation>捷径</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="115"/>
        <source>{block}: running the block on a checkerboard…</source>
        <translation>{block}：正在用棋盘格运行该块…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="148"/>
        <source>&lt;b&gt;{block}&lt;/b&gt; alone at its input size {h}×{w}, shortcut &lt;b&gt;{shortcut}&lt;/b&gt;; input: checkerboard of period {period}, amplitude {amplitude}. Pictures: top-left {crop}×{crop} input positions (red +, blue −, white 0); statistics over the whole map.</source>
        <translation>&lt;b&gt;{block}&lt;/b&gt; 单独运行，输入尺寸 {h}×{w}，捷径 &lt;b&gt;{shortcut}&lt;/b&gt;；输入：周期 {period}、幅度 {amplitude} 的棋盘格。图片：左上角 {crop}×{crop} 个输入位置（红 +，蓝 −，白 0）；统计量基于整个特征图。</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="164"/>
        <source>input (every channel)</source>
        <translation>输入（每个通道）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="167"/>
        <source>mean 0 · the finest pattern</source>
        <translation>均值 0 · 最细的图案</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="174"/>
        <source>{branch}: what {layer} reads</source>
        <translation>{branch}：{layer} 读取的内容</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="179"/>
        <source>mean {mean} · spatial std {std}</source>
        <translation>均值 {mean} · 空间标准差 {std}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="188"/>
        <source>{branch} output (channel {channel})</source>
        <translation>{branch}输出（通道 {channel}）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="191"/>
        <source>mean {mean} · rms {rms} · spatial std {std}</source>
        <translation>均值 {mean} · 均方根 {rms} · 空间标准差 {std}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="199"/>
        <source>The shortcut&apos;s strided layer sees a uniform, non-zero signal that is not in the image: aliasing.</source>
        <translation>捷径中带步幅的层看到一个均匀的非零信号，而图像中并没有它：这就是混叠。</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="202"/>
        <source>Pooling before the 1×1 averages the pattern away: the shortcut passes exactly zero.</source>
        <translation>1×1 之前的池化把图案平均掉了：捷径输出恰好为零。</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="204"/>
        <source>The shortcut reads windows, so the pattern is filtered rather than sampled.</source>
        <translation>捷径读取的是窗口，因此图案被滤波而不是被采样。</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/aliasing_dialog.py" line="206"/>
        <source>{verdict} (Weights: the seed&apos;s initialisation, BatchNorm in eval mode.)</source>
        <translation>{verdict}（权重：由随机种子初始化，BatchNorm 处于 eval 模式。）</translation>
    </message>
</context>
<context>
    <name>CheckpointActions</name>
    <message>
        <location filename="../../../resnet_viewer/gui/checkpoint_actions.py" line="43"/>
        <source>Open checkpoint (the network comes from the file)</source>
        <translation>打开检查点（网络结构取自文件）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/checkpoint_actions.py" line="45"/>
        <source>Checkpoints ({patterns});;All files (*)</source>
        <translation>检查点 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/checkpoint_actions.py" line="53"/>
        <source>reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/checkpoint_actions.py" line="70"/>
        <source>open checkpoint {name}</source>
        <translation>打开检查点 {name}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/checkpoint_actions.py" line="78"/>
        <source>opened {name}: the network comes from the file</source>
        <translation>已打开 {name}：网络结构取自文件</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/checkpoint_actions.py" line="85"/>
        <source>Opened checkpoint</source>
        <translation>已打开检查点</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/checkpoint_actions.py" line="86"/>
        <source>{name}: what the file does not say</source>
        <translation>{name}：文件中没有说明的内容</translation>
    </message>
</context>
<context>
    <name>CnnTools</name>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="52"/>
        <source>Show what each branch reads</source>
        <translation>显示各分支读取的位置</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="54"/>
        <source>on the block&apos;s input map: dots = positions a strided 1×1 reads, squares = windows</source>
        <translation>在块的输入特征图上：点 = 带步幅的 1×1 读取的位置，方框 = 窗口</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="56"/>
        <source>Aliasing demo…</source>
        <translation>混叠演示…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="57"/>
        <source>feed this block a period-2 checkerboard and compare its branches</source>
        <translation>向该块输入周期为 2 的棋盘格，比较它的各个分支</translation>
    </message>
</context>
<context>
    <name>CodeView</name>
    <message>
        <location filename="../../../resnet_viewer/gui/code_view.py" line="45"/>
        <location filename="../../../resnet_viewer/gui/code_view.py" line="53"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/code_view.py" line="51"/>
        <source>A complete module: paste it and call make_block().</source>
        <translation>完整的模块：粘贴后调用 make_block() 即可。</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/code_view.py" line="53"/>
        <location filename="../../../resnet_viewer/gui/code_view.py" line="106"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/code_view.py" line="54"/>
        <source>Copy the whole module to the clipboard</source>
        <translation>把整个模块复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>CoverageUI</name>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="165"/>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="184"/>
        <source>Receptive field</source>
        <translation>感受野</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="266"/>
        <source>shortcut {layer} reads {coverage} (orange)</source>
        <translation>捷径 {layer} 读取 {coverage}（橙色）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="269"/>
        <source>main {layer} reads {coverage} (blue)</source>
        <translation>主分支 {layer} 读取 {coverage}（蓝色）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="271"/>
        <source>{block} input, top-left {zoom}×{zoom} (wheel to zoom out): {parts}</source>
        <translation>{block} 输入，左上角 {zoom}×{zoom}（滚轮缩小）：{parts}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="272"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="359"/>
        <source>rows {top}–{bottom}, cols {left}–{right}</source>
        <translation>第 {top}–{bottom} 行，第 {left}–{right} 列</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="363"/>
        <source>outside the input</source>
        <translation>在输入之外</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="365"/>
        <source>{block} {branch} ({y}, {x}): receptive field {size}×{size} px, jump {jump}, centre ({cy}, {cx}) on the {height}×{width} input; {where}</source>
        <translation>{block} {branch} ({y}, {x})：感受野 {size}×{size} 像素，跳距 {jump}，中心位于 {height}×{width} 输入上的 ({cy}, {cx})；{where}</translation>
    </message>
</context>
<context>
    <name>DownloadWorker</name>
    <message>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="69"/>
        <source>download cancelled; nothing was cached</source>
        <translation>下载已取消；没有写入缓存</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="139"/>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="234"/>
        <source>Export diagram</source>
        <translation>导出示意图</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="143"/>
        <source>whole network</source>
        <translation>整个网络</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="144"/>
        <source>one stage</source>
        <translation>一个阶段</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="145"/>
        <source>one block</source>
        <translation>一个块</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="146"/>
        <source>compare shortcuts</source>
        <translation>比较捷径</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="149"/>
        <source>Variants to compare: {names}</source>
        <translation>要比较的变体：{names}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="150"/>
        <source>block</source>
        <translation>块</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="150"/>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="150"/>
        <source>op</source>
        <translation>算子</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="151"/>
        <source>vertical</source>
        <translation>纵向</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="151"/>
        <source>horizontal</source>
        <translation>横向</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="152"/>
        <source>light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="152"/>
        <source>dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="153"/>
        <source>fit 16:9 (wrap into columns/rows)</source>
        <translation>适配 16:9（折成多列/多行）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="154"/>
        <source>transparent background</source>
        <translation>透明背景</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="155"/>
        <source>params / multiply-adds badges</source>
        <translation>参数量 / 乘加次数标记</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="157"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="158"/>
        <source>Block</source>
        <translation>块</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="159"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="160"/>
        <source>Variants</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="161"/>
        <source>Detail</source>
        <translation>细节层级</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="162"/>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="163"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="164"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="165"/>
        <source>Caption</source>
        <translation>图注</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="166"/>
        <source>PNG scale</source>
        <translation>PNG 缩放</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/export_dialog.py" line="241"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>FieldView</name>
    <message>
        <location filename="../../../resnet_viewer/gui/coverage_view.py" line="91"/>
        <source>click a pixel of an activation map to see its receptive field here</source>
        <translation>点击激活图中的一个像素，在此查看它的感受野</translation>
    </message>
</context>
<context>
    <name>ForwardUI</name>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_ui.py" line="125"/>
        <source>{block} · line {number} of {count}: {line}</source>
        <translation>{block} · 第 {number} 行 / 共 {count} 行：{line}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_ui.py" line="144"/>
        <source>out: waiting for the layer&apos;s output…</source>
        <translation>out：正在等待该层的输出…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_ui.py" line="146"/>
        <source>not computed yet: a later line computes it</source>
        <translation>尚未计算：后面的某一行会计算它</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_ui.py" line="150"/>
        <source>capturing the layers of {block}…</source>
        <translation>正在捕获 {block} 的各层…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_ui.py" line="151"/>
        <source>{status} · {note}</source>
        <translation>{status} · {note}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_ui.py" line="153"/>
        <source>{status} · shown as &apos;{column}&apos; in the activations</source>
        <translation>{status} · 在激活面板中显示为“{column}”</translation>
    </message>
</context>
<context>
    <name>ForwardView</name>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_view.py" line="94"/>
        <source>ResNet._make_layer: where self.downsample comes from</source>
        <translation>ResNet._make_layer：self.downsample 从何而来</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_view.py" line="95"/>
        <source>previous line of forward (Alt+← or [)</source>
        <translation>forward 的上一行（Alt+← 或 [）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_view.py" line="96"/>
        <source>next line of forward (Alt+→ or ])</source>
        <translation>forward 的下一行（Alt+→ 或 ]）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_view.py" line="98"/>
        <source>hover or click a line to find it in the graph · ◀ ▶ or Alt+←/→ step through forward</source>
        <translation>悬停或点击一行，在图中找到它 · 用 ◀ ▶ 或 Alt+←/→ 逐行执行 forward</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_view.py" line="113"/>
        <source>&lt;b&gt;{cls}.forward&lt;/b&gt; (N×C×H×W after each line)</source>
        <translation>&lt;b&gt;{cls}.forward&lt;/b&gt;（每行之后的 N×C×H×W）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_view.py" line="208"/>
        <source>line {number} of {count}</source>
        <translation>第 {number} 行 / 共 {count} 行</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/forward_view.py" line="210"/>
        <source>{count} lines</source>
        <translation>共 {count} 行</translation>
    </message>
</context>
<context>
    <name>PretrainedDialog</name>
    <message>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="115"/>
        <source>Pretrained weights</source>
        <translation>预训练权重</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="124"/>
        <source>{name} (default)</source>
        <translation>{name}（默认）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="145"/>
        <source>in the cache: {path}</source>
        <translation>已在缓存中：{path}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="147"/>
        <source>not downloaded ({size} from {host})</source>
        <translation>未下载（{size}，来自 {host}）</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="149"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {classes}, input {size}×{size}&lt;br&gt;{source}&lt;br&gt;licence: {license}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {classes}，输入 {size}×{size}&lt;br&gt;{source}&lt;br&gt;许可证：{license}</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="116"/>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="154"/>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="154"/>
        <source>Download and use</source>
        <translation>下载并使用</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="177"/>
        <source>verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <location filename="../../../resnet_viewer/gui/pretrained_dialog.py" line="214"/>
        <source>pretrained weights {name} are not downloaded ({path}); File → Pretrained weights… fetches them (or: resnet-viewer weights --download {name})</source>
        <translation>预训练权重 {name} 尚未下载（{path}）；用 文件 → 预训练权重… 获取（或：resnet-viewer weights --download {name}）</translation>
    </message>
</context>
</TS>
