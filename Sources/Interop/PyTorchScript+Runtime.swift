extension PyTorchScript {
    static let imports = """
    import argparse
    import csv
    import json
    import os
    import struct
    from collections import OrderedDict

    import numpy as np
    import torch
    import torch.nn.functional as F
    from torch import nn
    """

    /// safetensors in a dozen lines, so the script needs no package beyond torch and numpy.
    static let weightsIO = #"""
    def read_safetensors(path):
        """The tensors of a safetensors file as float32 arrays, and its metadata."""
        with open(path, "rb") as f:
            data = f.read()
        (n,) = struct.unpack("<Q", data[:8])
        header = json.loads(data[8:8 + n])
        metadata = header.pop("__metadata__", {})
        buffer = memoryview(data)[8 + n:]
        tensors = {}
        for name, info in header.items():
            if info["dtype"] != "F32":
                raise ValueError(f"{path}: {name} is {info['dtype']}, expected F32")
            begin, end = info["data_offsets"]
            tensors[name] = np.frombuffer(buffer[begin:end], dtype="<f4").reshape(info["shape"]).copy()
        return tensors, metadata


    def write_safetensors(path, tensors, metadata):
        """Writes float32 arrays in name order, the header padded to 8 bytes (as gradbook writes)."""
        header, chunks, offset = {"__metadata__": metadata}, [], 0
        for name in sorted(tensors):
            data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
            header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
            chunks.append(data)
            offset += len(data)
        text = json.dumps(header, separators=(",", ":")).encode()
        text += b" " * (-(8 + len(text)) % 8)
        with open(path, "wb") as f:
            f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


    def load_gradbook_weights(model, path=WEIGHTS):
        """Copies gradbook's params into the model (a dense W [in, out] transposed to PyTorch's [out, in])."""
        tensors, metadata = read_safetensors(path)
        with torch.no_grad():
            for name, tensor, transposed in model.gradbook_tensors():
                value = tensors[name]
                tensor.copy_(torch.from_numpy(value.T if transposed else value))
        return metadata


    def save_gradbook_weights(model, path, metadata):
        """Writes the model's params in gradbook's layout, for `import model "out.safetensors"`."""
        tensors = {}
        for name, tensor, transposed in model.gradbook_tensors():
            value = tensor.detach().cpu().numpy()
            tensors[name] = value.T if transposed else value
        write_safetensors(path, tensors, metadata)
    """#

    static let dataLoading = #"""
    def load_table(path, target=None, need_targets=True):
        """Features [n, INPUTS] and targets ([n], or [n, k]) from a CSV file with a header row or a
        .npy array. Without --target the features are the first INPUTS columns and the targets the
        rest; text targets are numbered in sorted order, as gradbook's `load` numbers them."""
        if path.endswith(".npy"):
            table = np.load(path).astype(np.float32)
            table = table.reshape(len(table), -1)
            names = [str(i) for i in range(table.shape[1])]
        else:
            with open(path, newline="") as f:
                rows = [row for row in csv.reader(f) if row]
            names, rows = rows[0], rows[1:]
            columns = list(zip(*rows))
            numeric = []
            for column in columns:
                try:
                    numeric.append([float(v) for v in column])
                except ValueError:
                    classes = sorted(set(column))
                    numeric.append([float(classes.index(v)) for v in column])
            table = np.array(numeric, dtype=np.float32).T.reshape(len(rows), len(names))
        if target is not None:
            j = names.index(target)
            x, y = np.delete(table, j, axis=1), table[:, j]
        elif need_targets or table.shape[1] > INPUTS:
            x, y = table[:, :INPUTS], table[:, INPUTS:]
            y = y[:, 0] if y.shape[1] == 1 else y
        else:
            x, y = table, None
        if x.shape[1] != INPUTS:
            raise SystemExit(f"{path}: the model takes {INPUTS} features, the file has {x.shape[1]}")
        if need_targets and (y is None or y.size == 0):
            raise SystemExit(f"{path}: no target column after the {INPUTS} features")
        return np.ascontiguousarray(x), y
    """#

    static let trainingLoop = #"""
    def train(model, x, y, epochs, batch_size, lr, seed, shuffle=True):
        """Continues training; under torchrun (WORLD_SIZE > 1) with DistributedDataParallel, each
        process taking its share of every epoch. Prints one line per epoch from rank 0."""
        distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
        rank, local_rank = 0, int(os.environ.get("LOCAL_RANK", "0"))
        if distributed:
            torch.distributed.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
            rank = torch.distributed.get_rank()
        device = torch.device(f"cuda:{local_rank}" if torch.cuda.is_available() else "cpu")
        torch.manual_seed(seed)
        model.to(device)
        net = model
        if distributed:
            net = nn.parallel.DistributedDataParallel(model, device_ids=[local_rank] if device.type == "cuda" else None)
        data = torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(np.asarray(y, dtype=np.float32)))
        sampler = torch.utils.data.distributed.DistributedSampler(data, shuffle=shuffle, seed=seed) if distributed else None
        loader = torch.utils.data.DataLoader(data, batch_size=batch_size, shuffle=shuffle and sampler is None, sampler=sampler,
                                             generator=torch.Generator().manual_seed(seed))
        optimizer = make_optimizer(net.parameters(), lr)
        for epoch in range(1, epochs + 1):
            if sampler is not None:
                sampler.set_epoch(epoch)
            net.train()
            totals = torch.zeros(2 + len(METRICS), dtype=torch.float64)
            for xb, yb in loader:
                xb, yb = xb.to(device), yb.to(device)
                optimizer.zero_grad()
                loss, p = compute_loss(net, xb, yb)
                loss.backward()
                optimizer.step()
                totals += torch.tensor([loss.item() * len(xb), len(xb)] + metric_sums(p.detach(), yb), dtype=torch.float64)
            if distributed:
                totals = totals.to(device)
                torch.distributed.all_reduce(totals)
                totals = totals.cpu()
            if rank == 0:
                values = [("loss", totals[0] / totals[1])] + [(m, totals[2 + i] / totals[1]) for i, m in enumerate(METRICS)]
                print(f"epoch {epoch}/{epochs}: " + ", ".join(f"{k} {float(v):.4f}" for k, v in values), flush=True)
        if distributed:
            # Every rank reaches this point before any tears down: gloo aborts a process whose
            # peer left first.
            torch.distributed.barrier()
            torch.distributed.destroy_process_group()
        model.to("cpu")
        return rank
    """#

    static let mainFunction = #"""
    def predict(model, path, target=None):
        """Prints the model's outputs for the features in `path`, one row per line, comma-separated,
        with enough digits to read back the same float32 values."""
        x, _ = load_table(path, target, need_targets=False)
        model.eval()
        with torch.no_grad():
            p = model(torch.from_numpy(x))
        for row in p.reshape(len(x), -1).tolist():
            print(",".join(f"{v:.9g}" for v in row))


    def main(argv=None):
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("data", nargs="?", help="CSV (with a header row) or .npy file to continue training on")
        parser.add_argument("--target", help="the CSV column holding the targets (default: the columns after the features)")
        parser.add_argument("--epochs", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=32)
        parser.add_argument("--lr", type=float, default=LEARNING_RATE, help="learning rate (default: gradbook's)")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--no-shuffle", action="store_true", help="keep the rows in file order (gradbook's shuffle=false)")
        parser.add_argument("--weights", default=WEIGHTS, help="the safetensors file to start from")
        parser.add_argument("--save", help="write the trained weights here, in gradbook's layout")
        parser.add_argument("--predict", help="print predictions for the features in this file (after training, if any)")
        args = parser.parse_args(argv)
        if args.data is None and args.predict is None:
            parser.error("give a data file to train on, --predict FILE, or both")

        model = GradbookModel()
        metadata = load_gradbook_weights(model, args.weights)
        rank = 0
        if args.data is not None:
            x, y = load_table(args.data, args.target)
            rank = train(model, x, y, args.epochs, args.batch_size, args.lr, args.seed, not args.no_shuffle)
        if rank == 0 and args.save:
            save_gradbook_weights(model, args.save, metadata)
        if rank == 0 and args.predict:
            predict(model, args.predict, args.target)


    if __name__ == "__main__":
        main()
    """#
}
