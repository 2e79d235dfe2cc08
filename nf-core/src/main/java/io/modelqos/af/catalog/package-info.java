/**
 * The image-recognition models the AF can deliver (TR 22.874 table 6.x.1-1) and their FP32 / INT8 variants.
 */
package io.modelqos.af.catalog;
