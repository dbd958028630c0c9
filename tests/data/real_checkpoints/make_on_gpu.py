"""How tests/data/real_checkpoints/ was made: on a CUDA machine (H100, torch 2.11.0+cu130,
lightning 2.6.6), with the real libraries. Not run by the tests; kept so the files can be
made again. The CIFAR net is written here as akamaster/pytorch_resnet_cifar10 describes it."""

import os

import lightning as L
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT_DIR = os.environ["OUT"]
torch.manual_seed(0)
X = torch.randn(2, 3, 32, 32)
X6 = torch.randn(2, 3, 64, 64)
R = {"X": X, "X6": X6}


class A(nn.Module):
    def __init__(s, i, p, st):
        super().__init__()
        s.conv1 = nn.Conv2d(i, p, 3, st, 1, bias=False)
        s.bn1 = nn.BatchNorm2d(p)
        s.conv2 = nn.Conv2d(p, p, 3, 1, 1, bias=False)
        s.bn2 = nn.BatchNorm2d(p)
        s.sh = st != 1 or i != p
        s.p = p

    def forward(s, x):
        o = s.bn2(s.conv2(F.relu(s.bn1(s.conv1(x)))))
        return F.relu(o + (F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, s.p // 4, s.p // 4)) if s.sh else x))


class C(nn.Module):
    def __init__(s):
        super().__init__()
        s.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        s.bn1 = nn.BatchNorm2d(16)
        i = 16
        for k, (p, st) in enumerate([(16, 1), (32, 2), (64, 2)]):
            setattr(
                s, f"layer{k + 1}", nn.Sequential(*[A(i if j == 0 else p, p, st if j == 0 else 1) for j in range(3)])
            )
            i = p
        s.linear = nn.Linear(64, 10)

    def forward(s, x):
        o = s.layer3(s.layer2(s.layer1(F.relu(s.bn1(s.conv1(x))))))
        return s.linear(F.avg_pool2d(o, o.size(3)).flatten(1))


def tr(m, n=8):
    o = torch.optim.SGD(m.parameters(), 0.05, momentum=0.9)
    for _ in range(3):
        loss = F.cross_entropy(m(torch.randn(n, 3, 32, 32).cuda()), torch.randint(0, 10, (n,)).cuda())
        o.zero_grad()
        loss.backward()
        o.step()


m = nn.DataParallel(C().cuda())
tr(m)
torch.save({"epoch": 3, "state_dict": m.state_dict(), "best_prec1": 91.5}, OUT_DIR + "/aka.th")
with torch.no_grad():
    R["aka"] = m.module.eval().cpu()(X)


class LM(L.LightningModule):
    def __init__(s, lr=1e-3):
        super().__init__()
        s.save_hyperparameters()
        s.model = C()

    def training_step(s, b, i):
        return F.cross_entropy(s.model(b[0]), b[1])

    def configure_optimizers(s):
        return torch.optim.Adam(s.parameters(), s.hparams.lr)


lm = LM()
t = L.Trainer(
    max_steps=2,
    accelerator="gpu",
    devices=1,
    logger=False,
    enable_checkpointing=False,
    enable_progress_bar=False,
    default_root_dir="/tmp/l",
)
t.fit(
    lm,
    torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(torch.randn(16, 3, 32, 32), torch.randint(0, 10, (16,))), batch_size=8
    ),
)
t.save_checkpoint(OUT_DIR + "/light.ckpt")
with torch.no_grad():
    R["light"] = lm.model.eval().cpu()(X)
