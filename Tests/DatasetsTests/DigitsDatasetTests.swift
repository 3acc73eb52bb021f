import Foundation
import Testing
@testable import Autodiff
@testable import Datasets

/// `dataset("digits")`: scikit-learn's copy of the UCI optdigits test set, embedded.
struct DigitsDatasetTests {
    @Test func shapesAndScale() throws {
        let images = try DatasetGenerator.make(name: "digits")
        #expect(images.x.shape == [1797, 1, 8, 8] && images.y.shape == [1797])
        #expect(images.featureCount == 64 && images.sampleShape == [1, 8, 8])
        #expect(images.featureNames.first == "pixel_0_0" && images.featureNames.last == "pixel_7_7")
        #expect(images.x.scalars.min() == 0 && images.x.scalars.max() == 1)
        let flat = try DatasetGenerator.make(name: "digits", flat: true)
        #expect(flat.x.shape == [1797, 64])
        #expect(flat.x.scalars == images.x.scalars && flat.y.scalars == images.y.scalars)
    }

    /// Images per digit 0…9: `np.bincount(sklearn.datasets.load_digits().target)`, scikit-learn 1.9.1.
    @Test func classCountsAreScikitLearns() throws {
        let y = try DatasetGenerator.make(name: "digits").y.scalars
        let counts = (0...9).map { d in y.filter { $0 == Float(d) }.count }
        #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        #expect(y.allSatisfy { $0 == $0.rounded() && $0 >= 0 && $0 <= 9 })
    }

    /// The first and last rows of sklearn/datasets/data/digits.csv.gz, copied from the file
    /// (64 pixel counts, then the digit), against the loaded values times 16.
    @Test func knownRowsMatchTheSourceFile() throws {
        let first: [Float] = [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
                              0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0]
        let last: [Float] = [0, 0, 10, 14, 8, 1, 0, 0, 0, 2, 16, 14, 6, 1, 0, 0, 0, 0, 15, 15, 8, 15, 0, 0, 0, 0, 5, 16, 16, 10, 0, 0,
                             0, 0, 12, 15, 15, 12, 0, 0, 0, 4, 16, 6, 4, 16, 6, 0, 0, 8, 16, 10, 8, 16, 8, 0, 0, 1, 8, 12, 14, 12, 1, 0]
        let d = try DatasetGenerator.make(name: "digits", flat: true)
        let x = d.x.scalars
        #expect(x[0..<64].map { $0 * 16 } == first && d.y.scalars[0] == 0)
        #expect(x[(1796 * 64)..<(1797 * 64)].map { $0 * 16 } == last && d.y.scalars[1796] == 8)
        // Pixel (row 1, column 3) of the first image is the source's 12th value, 15.
        #expect(try DatasetGenerator.make(name: "digits").x.element(at: [0, 0, 1, 3]) == 15 / 16)
    }

    @Test func embeddedTextIsTheShippedFile() throws {
        let file = try String(contentsOf: repositoryRoot.appendingPathComponent("data/digits.txt"), encoding: .utf8)
        #expect(DatasetGenerator.digitsText + "\n" == file)
    }

    @Test func imageRowsSplitAndBatch() throws {
        let d = try DatasetGenerator.make(name: "digits")
        let (train, test) = try d.split(.count(1500), seed: 0)
        #expect(train.x.shape == [1500, 1, 8, 8] && test.x.shape == [297, 1, 8, 8])
        let batch = try d.batch(size: 32, index: 1)
        #expect(batch.x.shape == [32, 1, 8, 8])
        #expect(batch.x.scalars == Array(d.x.scalars[(32 * 64)..<(64 * 64)]))
        let standardized = try d.standardized()
        #expect(standardized.x.shape == [1797, 1, 8, 8])
    }

    @Test func optionsItDoesNotTakeAreErrors() {
        #expect(throws: DataError.unsupportedOption(generator: "digits", option: "n", accepted: ["flat"])) {
            try DatasetGenerator.make(name: "digits", n: 10)
        }
        #expect(throws: DataError.unsupportedOption(generator: "moons", option: "flat", accepted: ["n", "noise"])) {
            try DatasetGenerator.make(name: "moons", flat: true)
        }
    }
}
