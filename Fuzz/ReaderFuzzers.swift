// libFuzzer targets for the file readers: CSV, NumPy .npy and safetensors. Each must reject
// any malformed bytes with a typed error: never a trap, never a huge allocation.
import Autodiff
import NN
import Workbench
import Datasets
import Interop

/// Which reader this build fuzzes, chosen by scripts/fuzz.sh with -D flags.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzLimits.apply()
    #if FUZZ_CSV
    _ = try? CSVLoader.parse(String(decoding: bytes, as: UTF8.self), path: "fuzz.csv")
    #elseif FUZZ_NPY
    _ = try? NPYReader.decode(bytes, path: "fuzz.npy")
    #elseif FUZZ_SAFETENSORS
    if let contents = try? SafetensorsReader.decode(bytes) {
        var g = RandomGenerator(seed: 0)
        if let model = try? Sequential([.dense(try Dense(units: 2, inputSize: 2))], using: &g) {
            _ = try? ModelParameterFile.parameters(from: contents, for: model)
        }
    }
    #endif
    return 0
}
