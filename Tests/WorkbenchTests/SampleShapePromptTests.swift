import Testing
@testable import Workbench

/// Images at the prompt: reshaping rows into `[n, 1, 8, 8]`, a dataset of them, and what
/// training a model of rows on them says.
struct SampleShapePromptTests {
    private let setup = """
        x = reshape(arange(640), 10, 1, 8, 8)
        y = arange(10) > 4
        images = dataset(x, y)
        model = sequential(dense(1, sigmoid, input=64))
        compile model optimizer=sgd(lr=0.1) loss=bce
        """

    @Test func aDatasetOfImagesShowsTheSampleShape() {
        let s = RecordingSession()
        #expect(s.output(setup + "\nimages") == "dataset: 10 rows × [1, 8, 8] → y [10]")
        #expect(s.output("images.x.shape") == "[10, 1, 8, 8]")
        #expect(s.output("images.features") == "64")
        #expect(s.output("train, test = split(images, 0.8, seed=1)\ntrain.x.shape") == "[8, 1, 8, 8]")
    }

    @Test func fittingImagesToAModelOfRowsSaysToFlatten() {
        let s = RecordingSession()
        _ = s.output(setup)
        let e = s.error("fit model images epochs=1 quiet")
        #expect(e.contains("the model expects inputs of shape [n, 64], got [10, 1, 8, 8]"), "\(e)")
        #expect(e.contains("hint: flatten the samples: flatten(x) or reshape(x, 10, 64)"), "\(e)")
        // The hint's reshape fits.
        #expect(s.output("rows = dataset(reshape(x, 10, 64), y)\nfit model rows epochs=1 quiet\nmodel.history.epochs") == "1")
    }
}
